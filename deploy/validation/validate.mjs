// Validates rendered Kubernetes manifests (the output of `kubectl kustomize`, a YAML stream on
// stdin): every object against the Kubernetes API schemas (kubernetes-models), unknown fields
// refused as `kubectl apply --validate=strict` would; the operators'
// custom resources for the fields they require, and this project's rules: every Deployment has
// probes, resources, a restrictive security context and a NetworkPolicy of its own; Services,
// autoscalers and disruption budgets point at something that exists; no Secret carries values.
// Prints one line per problem and exits 1 when there is any; with `--json FILE` it also writes the
// objects to FILE as JSON, for tests that look at what an overlay sets.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

const problems = [];
const objects = [];
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    problems.push(`YAML: ${document.errors.map((error) => error.message).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  if (object !== null && object !== undefined) {
    objects.push(object);
  }
}

// The schemas accept any extra field, so a misspelt one ("replicaz") would pass and be dropped by
// the API server. The models' type declarations list each type's fields: walk the object with them.
const modules = new URL("./node_modules/", import.meta.url);
const declarations = new Map();

function declaration(file) {
  if (!declarations.has(file.href)) {
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    const imports = new Map();
    for (const [, names, from] of text.matchAll(/^import \{ ([^}]+) \} from "([^"]+)";/gm)) {
      const target = from.startsWith(".") ? new URL(from.replace(/\.js$/, ".d.ts"), file) : new URL(`${from}.d.ts`, modules);
      for (const name of names.split(",").map((part) => part.trim().split(" as ").pop())) imports.set(name, target);
    }
    const body = text.match(/^export interface \w+(?: extends \w+)? \{\n([\s\S]*?)^\}/m)?.[1];
    const fields = body === undefined ? undefined
      : new Map([...body.matchAll(/^ {4}"([^"]+)"\??: ([^\n]*)$/gm)].map(([, field, type]) => [field, type]));
    declarations.set(file.href, { imports, fields });
  }
  return declarations.get(file.href);
}

function unknownFields(value, file, path = "") {
  const { imports, fields } = declaration(file);
  if (fields === undefined || value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([field, child]) => {
    if (!fields.has(field)) return [`${path}.${field}`.slice(1)];
    const type = fields.get(field).match(/^(?:Array<)?(I\w+)/)?.[1];
    const target = type && imports.get(type);
    if (!target) return [];
    const items = Array.isArray(child) ? child.map((item, index) => [item, `${path}.${field}[${index}]`]) : [[child, `${path}.${field}`]];
    return items.flatMap(([item, itemPath]) => unknownFields(item, target, itemPath));
  });
}

const nameOf = (object) => `${object?.kind ?? "?"}/${object?.metadata?.name ?? "?"}`;

// Custom resources: what the operators refuse an object without (their CRDs' required fields).
const customResources = {
  "postgresql.cnpg.io/v1/Cluster": (spec) => [
    Number.isInteger(spec?.instances) && spec.instances >= 1 ? null : "spec.instances must be an integer ≥ 1",
    typeof spec?.storage?.size === "string" ? null : "spec.storage.size is required",
  ],
  "postgresql.cnpg.io/v1/Database": (spec) => [
    typeof spec?.name === "string" ? null : "spec.name is required",
    typeof spec?.owner === "string" ? null : "spec.owner is required",
    typeof spec?.cluster?.name === "string" ? null : "spec.cluster.name is required",
  ],
  "postgresql.cnpg.io/v1/Pooler": (spec) => [
    typeof spec?.cluster?.name === "string" ? null : "spec.cluster.name is required",
    typeof spec?.pgbouncer === "object" && spec.pgbouncer !== null ? null : "spec.pgbouncer is required",
    spec?.type === undefined || ["rw", "ro", "r"].includes(spec.type) ? null : "spec.type must be rw, ro or r",
    spec?.pgbouncer?.poolMode === undefined || ["session", "transaction"].includes(spec.pgbouncer.poolMode)
      ? null : "spec.pgbouncer.poolMode must be session or transaction",
    Object.values(spec?.pgbouncer?.parameters ?? {}).every((value) => typeof value === "string")
      ? null : "spec.pgbouncer.parameters values must be strings",
  ],
  "rabbitmq.com/v1beta1/RabbitmqCluster": (spec) => [
    spec?.replicas === undefined || (Number.isInteger(spec.replicas) && spec.replicas >= 1) ? null : "spec.replicas must be an integer ≥ 1",
  ],
  "rabbitmq.com/v1beta1/User": (spec) => [
    typeof spec?.rabbitmqClusterReference?.name === "string" ? null : "spec.rabbitmqClusterReference.name is required",
  ],
  "rabbitmq.com/v1beta1/Permission": (spec) => [
    typeof spec?.vhost === "string" ? null : "spec.vhost is required",
    typeof spec?.user === "string" || typeof spec?.userReference?.name === "string" ? null : "spec.user or spec.userReference.name is required",
    ["configure", "write", "read"].every((kind) => typeof spec?.permissions?.[kind] === "string")
      ? null : "spec.permissions.configure, .write and .read are required",
    typeof spec?.rabbitmqClusterReference?.name === "string" ? null : "spec.rabbitmqClusterReference.name is required",
  ],
};

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion : `v1`;
  try {
    const module = await import(`kubernetes-models/${group}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

for (const object of objects) {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    problems.push(`${nameOf(object)}: apiVersion and kind are required`);
    continue;
  }
  if (typeof object.metadata?.name !== "string") {
    problems.push(`${nameOf(object)}: metadata.name is required`);
  }
  const custom = customResources[`${apiVersion}/${kind}`];
  if (custom) {
    for (const problem of custom(object.spec).filter(Boolean)) {
      problems.push(`${nameOf(object)}: ${problem}`);
    }
    continue;
  }
  const Model = await modelFor(apiVersion, kind);
  if (!Model) {
    problems.push(`${nameOf(object)}: ${apiVersion} ${kind} is not a Kubernetes API type nor a known custom resource`);
    continue;
  }
  const declared = new URL(`kubernetes-models/${apiVersion.includes("/") ? apiVersion : "v1"}/${kind}.d.ts`, modules);
  for (const unknown of unknownFields(object, declared)) {
    problems.push(`${nameOf(object)}: unknown field ${unknown}`);
  }
  try {
    new Model(object).validate();
  } catch (error) {
    const details = (error.errors ?? []).map((detail) => `${detail.instancePath} ${detail.message}`);
    problems.push(`${nameOf(object)}: ${details.length > 0 ? details.join("; ") : error.message}`);
  }
}

const ofKind = (kind) => objects.filter((object) => object.kind === kind);
const matches = (selector, labels) =>
  selector !== undefined &&
  Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels?.[key] === value) &&
  (selector.matchExpressions ?? []).every(({ key, operator, values }) =>
    operator === "In" ? values.includes(labels?.[key])
    : operator === "NotIn" ? !values.includes(labels?.[key])
    : operator === "Exists" ? key in (labels ?? {})
    : !(key in (labels ?? {})));
const isSpecific = (selector) =>
  Object.keys(selector?.matchLabels ?? {}).length > 0 || (selector?.matchExpressions ?? []).length > 0;

const deployments = ofKind("Deployment");
for (const deployment of deployments) {
  const name = nameOf(deployment);
  const pod = deployment.spec?.template;
  const podSecurity = pod?.spec?.securityContext ?? {};
  for (const container of pod?.spec?.containers ?? []) {
    const where = `${name} container ${container.name}`;
    for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      if (!container[probe]) problems.push(`${where}: no ${probe}`);
    }
    // A CPU limit is optional (it throttles); memory is bounded, or one pod can starve a node.
    for (const resource of ["requests.cpu", "requests.memory", "limits.memory"]) {
      const [bound, kind] = resource.split(".");
      if (!container.resources?.[bound]?.[kind]) problems.push(`${where}: no resources.${resource}`);
    }
    const security = container.securityContext ?? {};
    if (security.runAsNonRoot !== true && podSecurity.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
    if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
    if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
    if (!(security.capabilities?.drop ?? []).includes("ALL")) problems.push(`${where}: capabilities do not drop ALL`);
  }
  const policies = ofKind("NetworkPolicy").filter((policy) =>
    isSpecific(policy.spec?.podSelector) && matches(policy.spec.podSelector, pod?.metadata?.labels));
  if (policies.length === 0) problems.push(`${name}: no NetworkPolicy selects its pods`);
  if (!matches(deployment.spec?.selector, pod?.metadata?.labels)) problems.push(`${name}: spec.selector does not match its pod labels`);
}

const podLabels = deployments.map((deployment) => deployment.spec?.template?.metadata?.labels ?? {});
for (const service of ofKind("Service")) {
  if (!podLabels.some((labels) => matches({ matchLabels: service.spec?.selector ?? {} }, labels))) {
    problems.push(`${nameOf(service)}: its selector matches no Deployment's pods`);
  }
}
for (const budget of ofKind("PodDisruptionBudget")) {
  if (!podLabels.some((labels) => matches(budget.spec?.selector, labels))) {
    problems.push(`${nameOf(budget)}: its selector matches no Deployment's pods`);
  }
}
for (const autoscaler of ofKind("HorizontalPodAutoscaler")) {
  const target = autoscaler.spec?.scaleTargetRef;
  if (!deployments.some((deployment) => target?.kind === "Deployment" && deployment.metadata?.name === target.name)) {
    problems.push(`${nameOf(autoscaler)}: scales ${target?.kind}/${target?.name}, which is not here`);
  }
}
for (const ingress of ofKind("Ingress")) {
  for (const path of (ingress.spec?.rules ?? []).flatMap((rule) => rule.http?.paths ?? [])) {
    const backend = path.backend?.service?.name;
    if (!ofKind("Service").some((service) => service.metadata?.name === backend)) {
      problems.push(`${nameOf(ingress)}: routes ${path.path} to Service ${backend}, which is not here`);
    }
  }
}
for (const secret of ofKind("Secret")) {
  if (secret.data || secret.stringData) problems.push(`${nameOf(secret)}: secret values do not belong in the repository`);
}

const jsonFile = process.argv[process.argv.indexOf("--json") + 1];
if (process.argv.includes("--json") && jsonFile) writeFileSync(jsonFile, JSON.stringify(objects));
if (objects.length === 0) problems.push("no objects to validate");
for (const problem of problems) console.log(problem);
console.log(`${objects.length} objects, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
