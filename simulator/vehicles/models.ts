import type { VehicleType } from '../world/types.js';

/**
 * Common vehicles on UK roads and how many of each there are.
 *
 * Weights are thousands licensed in Great Britain, approximate, as we recall the
 * ranking of DfT vehicle licensing statistics table VEH0120 (licensed vehicles by
 * make and model, around 2023) and SMMT parc reports. They are rounded and not
 * copied from a published table, so treat them as relative sizes. Each type's rows
 * cover its most numerous models, so type totals roughly follow the parc (cars, then
 * vans, motorcycles, pickups). Goods vehicles over 3.5 t are weighed only against
 * each other, as the scenario sets their share. Motorcycles are listed by model
 * family, since no single model is numerous.
 */

export interface VehicleModel {
  make: string;
  model: string;
  type: VehicleType;
  /** Thousands licensed, approximate; within HGVs, relative only. */
  weight: number;
}

const row = (make: string, model: string, type: VehicleType, weight: number) => ({
  make,
  model,
  type,
  weight,
});

// prettier-ignore
export const VEHICLE_MODELS: readonly VehicleModel[] = [
  row('Ford', 'Fiesta', 'car', 1350), row('Vauxhall', 'Corsa', 'car', 1150),
  row('Ford', 'Focus', 'car', 1050), row('Volkswagen', 'Golf', 'car', 880),
  row('Vauxhall', 'Astra', 'car', 720), row('Nissan', 'Qashqai', 'car', 620),
  row('Volkswagen', 'Polo', 'car', 600), row('Mini', 'Hatch', 'car', 500),
  row('BMW', '1 Series', 'car', 480), row('Audi', 'A3', 'car', 480),
  row('BMW', '3 Series', 'car', 430), row('Mercedes-Benz', 'C-Class', 'car', 420),
  row('Toyota', 'Yaris', 'car', 400), row('Mercedes-Benz', 'A-Class', 'car', 380),
  row('Kia', 'Sportage', 'car', 380), row('Nissan', 'Juke', 'car', 360),
  row('Ford', 'Kuga', 'car', 330), row('Fiat', '500', 'car', 330),
  row('Renault', 'Clio', 'car', 320), row('Peugeot', '208', 'car', 300),
  row('Skoda', 'Octavia', 'car', 300), row('Audi', 'A4', 'car', 280),
  row('Toyota', 'Aygo', 'car', 270), row('Citroen', 'C3', 'car', 260),
  row('Honda', 'Jazz', 'car', 260), row('Vauxhall', 'Insignia', 'car', 250),
  row('Volkswagen', 'Tiguan', 'car', 250), row('Hyundai', 'Tucson', 'car', 240),
  row('Honda', 'Civic', 'car', 230), row('Peugeot', '2008', 'car', 230),
  row('Nissan', 'Micra', 'car', 230), row('Skoda', 'Fabia', 'car', 230),
  row('Ford', 'Puma', 'car', 220), row('Kia', 'Picanto', 'car', 220),
  row('Seat', 'Ibiza', 'car', 210),
  row('Land Rover', 'Range Rover Evoque', 'car', 200),
  row('Dacia', 'Sandero', 'car', 200), row('Vauxhall', 'Mokka', 'car', 200),
  row('Mercedes-Benz', 'E-Class', 'car', 180), row('Toyota', 'Corolla', 'car', 160),
  row('Volvo', 'XC60', 'car', 150), row('Land Rover', 'Discovery Sport', 'car', 150),
  row('BMW', 'X1', 'car', 140), row('Toyota', 'RAV4', 'car', 140),
  row('Land Rover', 'Defender', 'car', 120),
  row('Land Rover', 'Range Rover Sport', 'car', 110),
  row('Tesla', 'Model 3', 'car', 110),

  row('Ford', 'Transit', 'van', 480), row('Ford', 'Transit Custom', 'van', 420),
  row('Volkswagen', 'Transporter', 'van', 290),
  row('Mercedes-Benz', 'Sprinter', 'van', 230),
  row('Vauxhall', 'Vivaro', 'van', 200), row('Ford', 'Transit Connect', 'van', 200),
  row('Citroen', 'Berlingo', 'van', 170), row('Peugeot', 'Partner', 'van', 140),
  row('Volkswagen', 'Caddy', 'van', 140), row('Renault', 'Trafic', 'van', 110),
  row('Mercedes-Benz', 'Vito', 'van', 100), row('Vauxhall', 'Combo', 'van', 90),
  row('Peugeot', 'Boxer', 'van', 80),

  row('Mitsubishi', 'L200', 'pickup', 130), row('Ford', 'Ranger', 'pickup', 110),
  row('Toyota', 'Hilux', 'pickup', 100), row('Nissan', 'Navara', 'pickup', 80),
  row('Isuzu', 'D-Max', 'pickup', 70),

  row('Honda', 'CB', 'motorcycle', 250), row('Honda', 'PCX', 'motorcycle', 150),
  row('Yamaha', 'MT', 'motorcycle', 150), row('BMW', 'R 1250 GS', 'motorcycle', 120),
  row('Kawasaki', 'Z', 'motorcycle', 90),

  row('DAF', 'XF', 'hgv', 60), row('DAF', 'CF', 'hgv', 45),
  row('DAF', 'LF', 'hgv', 40), row('Volvo', 'FH', 'hgv', 55),
  row('Scania', 'R', 'hgv', 45), row('Scania', 'S', 'hgv', 15),
  row('Mercedes-Benz', 'Actros', 'hgv', 45),
  row('Mercedes-Benz', 'Atego', 'hgv', 15), row('MAN', 'TGX', 'hgv', 30),
];

export interface VehicleColour {
  name: string;
  /** Share of cars and motorcycles, percent. */
  carShare: number;
  /** Share of vans, pickups and goods vehicles, percent. */
  commercialShare: number;
}

/**
 * Colours of the parc, percent. Car shares are our blend of SMMT's new-car colour
 * popularity over 2005 to 2024 (silver leading early on, grey, black and white
 * lately) with DVLA licensed-vehicle colours; commercial shares are our estimate
 * from SMMT van registrations, where white dominates. Approximate; no published
 * table is copied.
 */
// prettier-ignore
export const VEHICLE_COLOURS: readonly VehicleColour[] = [
  { name: 'Black', carShare: 18, commercialShare: 6 },
  { name: 'Grey', carShare: 17, commercialShare: 8 },
  { name: 'Blue', carShare: 16, commercialShare: 7 },
  { name: 'Silver', carShare: 15, commercialShare: 9 },
  { name: 'White', carShare: 14, commercialShare: 62 },
  { name: 'Red', carShare: 11, commercialShare: 4 },
  { name: 'Green', carShare: 2.5, commercialShare: 1.5 },
  { name: 'Brown', carShare: 1.5, commercialShare: 0.5 },
  { name: 'Orange', carShare: 1, commercialShare: 0.5 },
  { name: 'Yellow', carShare: 1, commercialShare: 0.5 },
  { name: 'Beige', carShare: 1, commercialShare: 0.5 },
  { name: 'Purple', carShare: 0.5, commercialShare: 0 },
  { name: 'Gold', carShare: 0.5, commercialShare: 0 },
  { name: 'Bronze', carShare: 0.5, commercialShare: 0 },
];

/** Makes in the table, each once, in order of first appearance. */
export const MAKES: readonly string[] = [...new Set(VEHICLE_MODELS.map((m) => m.make))];

export function isCommercial(type: VehicleType): boolean {
  return type === 'van' || type === 'pickup' || type === 'hgv';
}
