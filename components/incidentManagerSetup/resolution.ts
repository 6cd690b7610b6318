/**
 * Step 2 of IncidentManagerSetup: what the component builds from its parsed args, and the rules
 * its name and the stack's aws-native region bring. Pure: nothing registers here.
 */
import * as pulumi from "@pulumi/pulumi";
import { preparedSpecs, type Prepared } from "../prepared";
import {
  ALIAS_NAME,
  checkAutoNamedRole,
  MAX_AUTO_NAMED_ROLE_RESOURCE_NAME,
  REPLICATION_SET_ARN,
} from "../../aws";
import {
  describeValue,
  fail,
  ValidationError,
  type ValidationContext,
  type ValidationIssue,
} from "../validation";
import type { IncidentManagerSetupArgs } from "./args";
import {
  COMPONENT,
  CREATE_KEY,
  parseIncidentManagerSetupArgs,
  type IncidentManagerSetupData,
} from "./schema";

/** What an IncidentManagerSetup builds: its parsed args, resolved. */
export interface IncidentManagerSetupSpec extends IncidentManagerSetupData {
  /** The first region. */
  readonly primaryRegion: string;
  /** The key of each region: `"create"`, an existing key's ARN, or undefined for AWS-owned. */
  readonly keyOf: (region: string) => pulumi.Input<string> | undefined;
  /** The account and partition `replicationSetArn` names, when it is given. */
  readonly adoptedAccount: { readonly accountId: string; readonly partition: string } | undefined;
}

/** What resolution reads besides the args. */
export interface SetupResolutionContext {
  /** The stack's `aws-native:region`, where the replication set lands. @default unset */
  readonly nativeRegion?: string;
}

/**
 * The rules on the component's name that its children's names bring: the created keys' alias
 * `alias/incident-manager/<name>` (kms CreateAlias AliasName), and the findings role the provider
 * auto-names `<name>-findings-<7 characters>` (iam CreateRole RoleName).
 */
function nameIssues(name: string, data: IncidentManagerSetupData): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const region of data.regions) {
    if (data.kms?.[region] !== CREATE_KEY) continue;
    const alias = `alias/incident-manager/${name}`;
    if (alias.length > ALIAS_NAME.max || !ALIAS_NAME.pattern!.test(alias)) {
      issues.push({
        path: ["kms", region],
        message: `is "create", and the key's alias would be ${describeValue(alias)}, which KMS refuses (${ALIAS_NAME.source}: ${ALIAS_NAME.patternText}, at most ${ALIAS_NAME.max} characters). Name the component with letters, digits, "/", "_", "-" and ":" only, or pass an existing key's ARN.`,
      });
    }
  }
  if (data.findingsAccess) {
    const broken = checkAutoNamedRole(`${name}-findings`);
    if (broken !== undefined) {
      issues.push({
        path: ["findingsAccess"],
        message: `is true, so the component creates a role that ${broken}; got a component name of ${name.length} characters. Give the component a name of at most ${MAX_AUTO_NAMED_ROLE_RESOURCE_NAME - "-findings".length} characters.`,
      });
    }
  }
  return issues;
}

/**
 * Step 2: resolves parsed args. The replication set comes from `@pulumi/aws-native`, which has no
 * per-resource region: it lands in the stack's `aws-native:region`. When that is set and is not
 * the primary region, contacts would be created outside the primary region (where AWS does not
 * allow tagging them), so it is an error. Throws one ValidationError for every broken rule.
 */
export function resolveIncidentManagerSetup(
  name: string,
  data: IncidentManagerSetupData,
  context: SetupResolutionContext = {},
): IncidentManagerSetupSpec {
  const validation: ValidationContext = { component: COMPONENT, name };
  const issues = nameIssues(name, data);
  const primaryRegion = data.regions[0];
  const { nativeRegion } = context;
  if (nativeRegion !== undefined && nativeRegion !== primaryRegion) {
    issues.push({
      path: ["regions", 0],
      message: `is the primary region ${primaryRegion}, but the stack's aws-native provider is in ${nativeRegion}; got aws-native:region=${nativeRegion}. Run \`pulumi config set aws-native:region ${primaryRegion}\`, or list ${nativeRegion} first.`,
    });
  }
  if (issues.length > 0) fail(validation, issues);
  const adopted =
    data.replicationSetArn === undefined
      ? undefined
      : REPLICATION_SET_ARN.exec(data.replicationSetArn)!;
  return {
    ...data,
    primaryRegion,
    keyOf: (region) => data.kms?.[region],
    adoptedAccount:
      adopted === undefined ? undefined : { accountId: adopted[2], partition: adopted[1] },
  };
}

/** The result of {@link prepareIncidentManagerSetup}: the spec, or every issue found. */
export type PreparedIncidentManagerSetup = Prepared<IncidentManagerSetupSpec>;

/**
 * Steps 1 and 2, without throwing: the spec, or the issues (paths relative to the args), so that
 * a caller can gather every entry's issues before anything registers. Reads the stack's
 * `aws-native:region` unless `context` gives it.
 */
export function prepareIncidentManagerSetup(
  name: string,
  args: IncidentManagerSetupArgs,
  context: SetupResolutionContext = { nativeRegion: new pulumi.Config("aws-native").get("region") },
): PreparedIncidentManagerSetup {
  try {
    const data = parseIncidentManagerSetupArgs(name, args);
    return { ok: true, spec: resolveIncidentManagerSetup(name, data, context) };
  } catch (err) {
    if (ValidationError.isValidationError(err)) return { ok: false, issues: err.issues };
    throw err;
  }
}

const prepared = preparedSpecs<IncidentManagerSetupArgs, IncidentManagerSetupSpec>(
  COMPONENT,
  (name, args) => prepareIncidentManagerSetup(name, args),
);

/**
 * Hands the constructor a spec prepared earlier for this very `args` object, so that it does not
 * validate again.
 */
export function usePrepared(args: IncidentManagerSetupArgs, spec: IncidentManagerSetupSpec): void {
  prepared.use(args, spec);
}

/** The spec for `args`: the one handed over by {@link usePrepared}, or prepared now (throwing). */
export function specFor(name: string, args: IncidentManagerSetupArgs): IncidentManagerSetupSpec {
  return prepared.specFor(name, args);
}
