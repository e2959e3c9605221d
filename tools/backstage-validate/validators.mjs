// Backstage's own entity validation, shared by validate.mjs and compat.mjs: the default entity
// policies of @backstage/catalog-model, then the kind validator of each built-in kind (the AiResource
// and MCP-server schemas ship in the package but are not exported, so they are loaded from its files),
// then Backstage's own parsing of every ref in the spec fields its processor reads.
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  entityKindSchemaValidator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';

const modelDir = path.dirname(createRequire(import.meta.url).resolve('@backstage/catalog-model'));
async function schemaValidator(file) {
  const schema = (await import(pathToFileURL(path.join(modelDir, 'schema/kinds', file)).href)).default;
  const validate = entityKindSchemaValidator(schema);
  return { async check(data) { return validate(data) === data; } };
}
const mcpServer = await schemaValidator('API.v1alpha1.mcp-server.schema.json.esm.js');
const aiResource = await schemaValidator('AiResource.v1alpha1.schema.json.esm.js');
// The kind-level AiResource schema, as aiResourceEntityV1alpha1Validator applies it. The per-type
// schemas (skill, rule, ...) are stricter than Backstage's own examples: the example skill
// frontend-design lists allowedTools, which the skill schema wants as one string.

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

function kindValidators(entity) {
  if (entity.kind === 'API' && entity.spec?.type === 'mcp-server') return [mcpServer];
  if (entity.kind === 'AiResource') return [aiResource];
  return [
    apiEntityV1alpha1Validator, componentEntityV1alpha1Validator, domainEntityV1alpha1Validator,
    groupEntityV1alpha1Validator, locationEntityV1alpha1Validator, resourceEntityV1alpha1Validator,
    systemEntityV1alpha1Validator, userEntityV1alpha1Validator,
  ];
}
// The spec fields BuiltinKindsEntityProcessor turns into relations, with the default kind it parses them with.
const refFields = {
  Component: { owner: 'group', system: 'system', subcomponentOf: 'component', providesApis: 'api', consumesApis: 'api', dependsOn: undefined, dependencyOf: undefined },
  API: { owner: 'group', system: 'system' },
  Resource: { owner: 'group', system: 'system', dependsOn: undefined, dependencyOf: undefined },
  System: { owner: 'group', domain: 'domain' },
  Domain: { owner: 'group', subdomainOf: 'domain' },
  User: { memberOf: 'group' },
  Group: { parent: 'group', children: 'group', members: 'user' },
  AiResource: { owner: 'group', system: 'system' },
};

export async function validateEntity(entity) {
  const problems = [];
  try {
    await policy.enforce(structuredClone(entity));
  } catch (e) {
    problems.push(e.message);
  }
  if (typeof entity.apiVersion === 'string' && entity.apiVersion.startsWith('backstage.io/')) {
    let handled = false;
    for (const validator of kindValidators(entity)) {
      try {
        if (await validator.check(structuredClone(entity))) handled = true;
      } catch (e) {
        handled = true;
        problems.push(e.message);
      }
    }
    if (!handled) problems.push(`no Backstage kind validator accepts kind ${entity.kind}`);
    const namespace = entity.metadata?.namespace ?? 'default';
    for (const [field, defaultKind] of Object.entries(refFields[entity.kind] ?? {})) {
      const value = entity.spec?.[field];
      if (value === undefined) continue;
      for (const ref of [value].flat()) {
        try {
          parseEntityRef(ref, { defaultKind, defaultNamespace: namespace });
        } catch (e) {
          problems.push(`spec.${field}: ${e.message}`);
        }
      }
    }
  }
  return problems;
}

