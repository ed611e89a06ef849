import { Type, type Static } from '@sinclair/typebox';

/**
 * The on-disk network format: one folder of GeoJSON files. The bundled North Yorkshire
 * network and every OpenStreetMap import are written in it, and the graph is built from it.
 * Coordinates are always `[lon, lat]` in WGS84 degrees.
 */

export const ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary', 'minor'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export const CAMERA_KINDS = ['fixed', 'mobile-van', 'rapid-deploy', 'in-car'] as const;
export type CameraKind = (typeof CAMERA_KINDS)[number];

export const UNIT_KINDS = ['road-crime', 'response'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const LonLat = Type.Tuple([
  Type.Number({ minimum: -180, maximum: 180 }),
  Type.Number({ minimum: -90, maximum: 90 }),
]);

/** Where the facts in a file came from, carried as a foreign member of each collection. */
export const Metadata = Type.Object({
  title: Type.String(),
  sources: Type.Array(Type.String()),
  licence: Type.String(),
  notes: Type.Optional(Type.Array(Type.String())),
});
export type Metadata = Static<typeof Metadata>;

export const RoadProperties = Type.Object({
  id: Type.String({ minLength: 1 }),
  ref: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  class: Type.String(),
  speedLimitMph: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 90 })),
  oneway: Type.Optional(Type.Boolean()),
  approximate: Type.Optional(Type.Boolean()),
  source: Type.Optional(Type.String()),
});
export type RoadProperties = Static<typeof RoadProperties>;

export const RoadFeature = Type.Object({
  type: Type.Literal('Feature'),
  properties: RoadProperties,
  geometry: Type.Object({
    type: Type.Literal('LineString'),
    coordinates: Type.Array(LonLat),
  }),
});
export type RoadFeature = Static<typeof RoadFeature>;

function collection<T extends ReturnType<typeof Type.Object>>(feature: T) {
  return Type.Object({
    type: Type.Literal('FeatureCollection'),
    metadata: Type.Optional(Metadata),
    features: Type.Array(feature),
  });
}

function pointFeature<T extends ReturnType<typeof Type.Object>>(properties: T) {
  return Type.Object({
    type: Type.Literal('Feature'),
    properties,
    geometry: Type.Object({ type: Type.Literal('Point'), coordinates: LonLat }),
  });
}

export const RoadCollection = collection(RoadFeature);
export type RoadCollection = Static<typeof RoadCollection>;

export const PLACE_KINDS = ['city', 'town', 'village', 'hamlet', 'farm', 'junction'] as const;

export const PlaceProperties = Type.Object({
  name: Type.String({ minLength: 1 }),
  kind: Type.Union(PLACE_KINDS.map((k) => Type.Literal(k))),
  population: Type.Integer({ minimum: 0 }),
  insideForceArea: Type.Boolean(),
  area: Type.String(),
  source: Type.String(),
});
export const PlaceFeature = pointFeature(PlaceProperties);
export type PlaceFeature = Static<typeof PlaceFeature>;
export const PlaceCollection = collection(PlaceFeature);
export type PlaceCollection = Static<typeof PlaceCollection>;

export const GatewayProperties = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String(),
  road: Type.String(),
  /** The neighbouring area the road leads into, e.g. "County Durham". */
  leadsTo: Type.String(),
  /** `border`: the road crosses the force boundary here; `edge`: the modelled area ends. */
  kind: Type.Union([Type.Literal('border'), Type.Literal('edge')]),
});
export const GatewayFeature = pointFeature(GatewayProperties);
export type GatewayFeature = Static<typeof GatewayFeature>;
export const GatewayCollection = collection(GatewayFeature);
export type GatewayCollection = Static<typeof GatewayCollection>;

export const Unit = Type.Object({
  id: Type.String({ minLength: 1 }),
  callsign: Type.String(),
  kind: Type.Union(UNIT_KINDS.map((k) => Type.Literal(k))),
});
export type Unit = Static<typeof Unit>;

export const BaseProperties = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String(),
  kind: Type.String(),
  address: Type.Optional(Type.String()),
  units: Type.Array(Unit),
  source: Type.String(),
});
export const BaseFeature = pointFeature(BaseProperties);
export type BaseFeature = Static<typeof BaseFeature>;
export const BaseCollection = collection(BaseFeature);
export type BaseCollection = Static<typeof BaseCollection>;

export const CameraProperties = Type.Object({
  id: Type.String({ minLength: 1 }),
  kind: Type.Union(CAMERA_KINDS.map((k) => Type.Literal(k))),
  name: Type.String(),
  /** The road id the camera watches; snapping prefers edges of that road. */
  road: Type.String(),
  /** Compass headings of the traffic it reads, in degrees; two opposite ones for both ways. */
  headingsDeg: Type.Array(Type.Number({ minimum: 0, maximum: 360 }), { minItems: 1 }),
  /** For in-car cameras, the unit that carries it; the position is then the unit's base. */
  unitId: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
});
export type CameraProperties = Static<typeof CameraProperties>;
export const CameraFeature = pointFeature(CameraProperties);
export type CameraFeature = Static<typeof CameraFeature>;
export const CameraCollection = collection(CameraFeature);
export type CameraCollection = Static<typeof CameraCollection>;

export const BoundaryFeature = Type.Object({
  type: Type.Literal('Feature'),
  properties: Type.Object({ name: Type.String(), approximate: Type.Boolean() }),
  geometry: Type.Object({
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(LonLat, { minItems: 4 }), { minItems: 1 }),
  }),
});
export const BoundaryCollection = collection(BoundaryFeature);
export type BoundaryCollection = Static<typeof BoundaryCollection>;

/** The files of a network folder, by the name each is stored under. */
export const NETWORK_FILES = {
  roads: 'roads.geojson',
  places: 'places.geojson',
  gateways: 'gateways.geojson',
  bases: 'bases.geojson',
  cameras: 'cameras.geojson',
  boundary: 'boundary.geojson',
} as const;

/** A network as read from its folder. Only the roads are required. */
export interface NetworkFixture {
  roads: RoadCollection;
  places: PlaceCollection;
  gateways: GatewayCollection;
  bases: BaseCollection;
  cameras: CameraCollection;
  boundary: BoundaryCollection | null;
}
