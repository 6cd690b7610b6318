/**
 * Step 2 of EscalationChain: the cross-component rules (the final stage against the targets'
 * channel types, adoption against the setup, tags merged with the setup's) and what the component
 * builds. Pure: nothing registers here.
 */
import { FINAL_STAGE_EXEMPTION_TAG } from "../../aws";
import { preparedSpecs, type Prepared } from "../prepared";
import { adoptionSetupIssue } from "../common";
import { adoptedAccountOf, type ChannelType, type ContactTarget } from "../references";
import { repeatsMessage } from "../schemaHelpers";
import { mergedTagsIssues } from "../tags";
import {
  fail,
  fromZodIssues,
  ValidationError,
  type FieldPath,
  type ValidationIssue,
} from "../validation";
import type { EscalationChainArgs } from "./args";
import {
  aliasOfArn,
  COMPONENT,
  contactTargetFields,
  notATarget,
  ONCE_PER_STAGE,
  parseEscalationChainArgs,
  targetKey,
  type EscalationChainData,
  type KnownTarget,
} from "./schema";

/** A target of the final stage that is reached by SMS or VOICE, and how. */
export interface Interruption {
  readonly path: FieldPath;
  /** e.g. `saburo by VOICE`, `sre-oncall (on-call schedule) member taro by VOICE, SMS`. */
  readonly reach: string;
}

/** What an EscalationChain builds: its parsed args, resolved. */
export interface EscalationChainSpec extends EscalationChainData {
  /**
   * The contact's tags: the setup's (unless `inheritTags: false`) under the chain's own, and, with
   * `allowInterruptiveFinalStage` (unless adopting), the pack's exemption tag
   * {@link FINAL_STAGE_EXEMPTION_TAG}.
   */
  readonly mergedTags: Record<string, string>;
  /** The import ID of the contact and of its plan, when adopting. */
  readonly importId: string | undefined;
  /** Final-stage targets reached by SMS or VOICE, accepted by `allowInterruptiveFinalStage`. */
  readonly interruptions: readonly Interruption[];
  /** Final-stage targets known now whose channel types are unknown: they cannot be checked. */
  readonly unchecked: readonly { readonly path: FieldPath; readonly what: string }[];
}

function interruptiveTypes(types: readonly ChannelType[]): ChannelType[] {
  return [...new Set(types.filter((type) => type !== "EMAIL"))];
}

/**
 * How a final-stage target is reached by SMS or VOICE: `undefined` when only by EMAIL, `null`
 * when its channel types are unknown.
 */
export function interruptiveReach(target: KnownTarget): string | undefined | null {
  const { reference } = target;
  if (reference?.kind === "schedule") {
    const members = reference.members
      .map((m) => ({ alias: m.alias, types: interruptiveTypes(m.channelTypes) }))
      .filter((m) => m.types.length > 0);
    if (members.length === 0) return undefined;
    const reach = members.map((m) => `${m.alias} by ${m.types.join(", ")}`).join("; ");
    return `${reference.alias} (on-call schedule) member ${reach}`;
  }
  if (target.channelTypes === undefined) return null;
  const types = interruptiveTypes(target.channelTypes);
  return types.length === 0 ? undefined : `${nameOf(target)} by ${types.join(", ")}`;
}

/** How a target is named in messages: its alias, else its ARN. */
export function nameOf(target: { arn: unknown; alias?: string }): string {
  return target.alias ?? (typeof target.arn === "string" ? target.arn : "(an unresolved ARN)");
}

/** The rule a final-stage target reached by SMS or VOICE breaks. */
export function finalStageMessage(reach: string): string {
  return `is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got ${reach}. Engage a contact whose engagement plan uses only EMAIL, or set \`allowInterruptiveFinalStage: true\`.`;
}

/**
 * The rule a target that was an Output breaks once it resolves, if any: the same rules, and the
 * same words, as for a target given as data. `earlier` are the keys of the stage's targets before
 * it, with their index; `finalStage` says whether to apply the EMAIL-only rule.
 */
export function checkResolvedTarget(
  value: unknown,
  stage: number,
  earlier: ReadonlyMap<string, number>,
  finalStage: boolean,
): ValidationIssue | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { path: [], message: notATarget(value) };
  }
  const result = contactTargetFields.safeParse(value, { reportInput: true });
  if (!result.success) {
    const [issue] = fromZodIssues(result.error.issues);
    return issue;
  }
  const data = result.data as ContactTarget;
  const target: KnownTarget = {
    kind: "known",
    arn: data.arn,
    alias: data.alias ?? (typeof data.arn === "string" ? aliasOfArn(data.arn) : undefined),
    ...(data.channelTypes === undefined ? {} : { channelTypes: data.channelTypes }),
  };
  const key = targetKey(target);
  const first = key === undefined ? undefined : earlier.get(key);
  if (key !== undefined && first !== undefined) {
    return {
      path: [],
      message: repeatsMessage("contact", key, ["stages", stage, "targets", first], ONCE_PER_STAGE),
    };
  }
  if (!finalStage) return undefined;
  const reach = interruptiveReach(target);
  return typeof reach === "string" ? { path: [], message: finalStageMessage(reach) } : undefined;
}

/**
 * Step 2: resolves parsed args: adoption needs a setup whose replication set ARN is known, tags
 * merged with the setup's stay within AWS's rules, and the final stage only emails (for targets
 * whose channel types are known now; an Output target is checked when it resolves). Throws one
 * ValidationError for every broken rule.
 */
export function resolveEscalationChain(
  name: string,
  data: EscalationChainData,
): EscalationChainSpec {
  const issues: ValidationIssue[] = [];
  const { setup } = data;
  if (data.adopt) {
    const message = adoptionSetupIssue(setup, "the contact's import ID is");
    if (message !== undefined) issues.push({ path: ["adopt"], message });
  }
  const inherited = data.inheritTags ? setup?.tags : undefined;
  const { key: exemptKey, value: exemptValue } = FINAL_STAGE_EXEMPTION_TAG;
  // An import must match the contact as it is, so an adopted chain is not tagged (README).
  const exemption: Record<string, string> =
    data.allowInterruptiveFinalStage && !data.adopt ? { [exemptKey]: exemptValue } : {};
  if (exemptKey in data.tags && !data.allowInterruptiveFinalStage) {
    issues.push({
      path: ["tags", exemptKey],
      message: `exempts the chain from the policy pack's rule \`require-email-only-final-stage\`, which only \`allowInterruptiveFinalStage: true\` may do; got ${JSON.stringify(data.tags[exemptKey])} without it. Set \`allowInterruptiveFinalStage: true\` instead, or remove the tag.`,
    });
  }
  issues.push(...mergedTagsIssues(inherited, { ...data.tags, ...exemption }));
  const last = data.stages.length - 1;
  const interruptions: Interruption[] = [];
  const unchecked: { path: FieldPath; what: string }[] = [];
  data.stages[last].targets.forEach(({ target }, j) => {
    if (target.kind !== "known") return;
    const path = ["stages", last, "targets", j, "target"];
    const reach = interruptiveReach(target);
    if (reach === null) unchecked.push({ path, what: nameOf(target) });
    else if (reach !== undefined) interruptions.push({ path, reach });
  });
  if (!data.allowInterruptiveFinalStage) {
    for (const { path, reach } of interruptions)
      issues.push({ path, message: finalStageMessage(reach) });
  }
  if (issues.length > 0) fail({ component: COMPONENT, name }, issues);
  const account = data.adopt ? adoptedAccountOf(setup) : undefined;
  return {
    ...data,
    mergedTags: { ...(inherited ?? {}), ...data.tags, ...exemption },
    importId:
      account === undefined || setup === undefined
        ? undefined
        : `arn:${account.partition}:ssm-contacts:${setup.primaryRegion}:${account.accountId}:contact/${data.alias}`,
    interruptions,
    unchecked,
  };
}

/** The result of {@link prepareEscalationChain}: the spec, or every issue found. */
/** The result of {@link prepareEscalationChain}. */
export type PreparedEscalationChain = Prepared<EscalationChainSpec>;

/**
 * Steps 1 and 2, without throwing: the spec, or the issues (paths relative to the args), so that
 * a caller can gather every entry's issues before anything registers. When the data schema
 * fails, an adoption that cannot work is reported with its issues, so one error lists everything.
 */
export function prepareEscalationChain(
  name: string,
  args: EscalationChainArgs,
): PreparedEscalationChain {
  let data: EscalationChainData;
  try {
    data = parseEscalationChainArgs(name, args);
  } catch (err) {
    if (!ValidationError.isValidationError(err)) throw err;
    const raw = args as Partial<EscalationChainArgs> | undefined;
    const setup = raw?.setup;
    const isSetup = typeof setup === "object" && setup !== null && "replicationSetArn" in setup;
    const adoption =
      raw?.adopt === true && (setup === undefined || isSetup)
        ? adoptionSetupIssue(setup, "the contact's import ID is")
        : undefined;
    return {
      ok: false,
      issues: [
        ...err.issues,
        ...(adoption === undefined ? [] : [{ path: ["adopt"], message: adoption }]),
      ],
    };
  }
  try {
    return { ok: true, spec: resolveEscalationChain(name, data) };
  } catch (err) {
    if (ValidationError.isValidationError(err)) return { ok: false, issues: err.issues };
    throw err;
  }
}

const prepared = preparedSpecs<EscalationChainArgs, EscalationChainSpec>(COMPONENT, (name, args) =>
  prepareEscalationChain(name, args),
);

/**
 * Hands the constructor a spec prepared earlier for this very `args` object, so that it does not
 * validate again.
 */
export function usePrepared(args: EscalationChainArgs, spec: EscalationChainSpec): void {
  prepared.use(args, spec);
}

/** The spec for `args`: the one handed over by {@link usePrepared}, or prepared now (throwing). */
export function specFor(name: string, args: EscalationChainArgs): EscalationChainSpec {
  return prepared.specFor(name, args);
}
