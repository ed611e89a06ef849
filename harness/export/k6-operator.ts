import type { K6Plan } from './k6-plan.js';

/**
 * The most an export may weigh to go whole into one ConfigMap, bytes. Kubernetes holds a
 * ConfigMap's data to 1 MiB; this leaves room for the keys and the object around it.
 */
export const CONFIG_MAP_BYTES = 1_000_000;

/** Where the runners mount the data volume when the data does not fit in the ConfigMap. */
export const DATA_MOUNT = '/data';

/** How a TestRun finds an export: names in the cluster, and whether the data needs a volume. */
export interface ClusterNames {
  configMap: string;
  /** The PersistentVolumeClaim holding the data files, or null when they ride in the ConfigMap. */
  dataClaim: string | null;
  tokenSecret: string;
}

export function clusterNames(plan: K6Plan, exportBytes: number): ClusterNames {
  return {
    configMap: plan.testRun,
    dataClaim: exportBytes > CONFIG_MAP_BYTES ? `${plan.testRun}-data` : null,
    tokenSecret: `${plan.testRun}-hub`,
  };
}

/**
 * A k6-operator TestRun (k6.io/v1alpha1) for an export: one runner per shard, the script
 * from a ConfigMap, the token from a Secret. A small export rides whole in the ConfigMap;
 * a larger one keeps only the script there and mounts its data from a claim, read-only,
 * in every runner (and in the initializer, which takes the runners' settings).
 */
export function testRunYaml(plan: K6Plan, names: ClusterNames): string {
  return `# A k6-operator TestRun for ${JSON.stringify(plan.scenarioName)},
# written by anpr-testbed export k6. Before applying it, from the export folder
# (README.md says more):
${prerequisites(names)}apiVersion: k6.io/v1alpha1
kind: TestRun
metadata:
  name: ${plan.testRun}
spec:
  # One runner per shard: runner i runs execution segment (i-1)/${plan.shards}:i/${plan.shards} and
  # loads reads-i-of-${plan.shards}.json. The script finds its shard from the runner's pod name,
  # ${plan.testRun}-i, so keep the name or set SHARDS.
  parallelism: ${plan.shards}
  script:
    configMap:
      name: ${names.configMap}
      file: script.js
  runner:
    env:
      - name: HUB_URL
        value: ${JSON.stringify(plan.hubUrl)}
      - name: HUB_TOKEN
        valueFrom:
          secretKeyRef:
            name: ${names.tokenSecret}
            key: token
      - name: SESSION_ID
        value: ${JSON.stringify(plan.sessionId)}
${names.dataClaim ? dataVolume(names.dataClaim) : ''}`;
}

function prerequisites(names: ClusterNames): string {
  const configMap = names.dataClaim
    ? `#   kubectl create configmap ${names.configMap} --from-file=script.js
#   copy the other files onto the claim ${names.dataClaim}, which every runner can mount
`
    : `#   kubectl create configmap ${names.configMap} --from-file=.
`;
  const secret = `kubectl create secret generic ${names.tokenSecret}`;
  return `${configMap}#   ${secret} --from-literal=token=<the hub's token>
`;
}

function dataVolume(claim: string): string {
  return `      - name: DATA_DIR
        value: ${DATA_MOUNT}
    volumes:
      - name: data
        persistentVolumeClaim:
          claimName: ${claim}
          readOnly: true
    volumeMounts:
      - name: data
        mountPath: ${DATA_MOUNT}
        readOnly: true
`;
}

export function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
