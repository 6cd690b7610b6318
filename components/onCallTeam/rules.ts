/**
 * The rules between fields of one OnCallTeam's data (aliases, channel names, addresses with
 * `defaultCountry`, engagement, rotation members, adoption keys), run by the data schema. Each
 * reads only the parts of the args that passed their own rules, so every issue is reported once.
 */
import {
  checkEmailAddress,
  maskAddress,
  CONTACT_CHANNEL_ARN as CHANNEL_ARN,
  normalizePhoneNumber,
  ROTATION_ARN,
} from "../../aws";
import { CONTACT_ALIAS } from "../common";
import type { ChannelType } from "../references";
import { repeatsMessage } from "../schemaHelpers";
import { describeValue, type FieldPath } from "../validation";
import type { TeamShape } from "./schema";

/**
 * Checks and normalizes one address: an E.164 number for SMS and VOICE, a trimmed email for EMAIL.
 * Returns the address, or the broken rule (completing "`path` ...").
 */
export function normalizeAddress(
  type: ChannelType,
  written: string,
  defaultCountry: string | undefined,
): { address: string } | { rule: string } {
  if (type === "EMAIL") {
    const rule = checkEmailAddress(written.trim());
    return rule === undefined
      ? { address: written.trim() }
      : { rule: `${rule}; got ${describeValue(written)}. Check the address for typos.` };
  }
  const phone = normalizePhoneNumber(written, defaultCountry, type);
  return phone.ok
    ? { address: phone.e164 }
    : { rule: `${phone.rule}; got ${describeValue(written)}. ${phone.hint}` };
}

type Report = (path: PropertyKey[], message: string) => void;

/**
 * Which parts of the args passed their own rules: `sound(path)` is true when no issue was
 * reported at `path` or under it (and `path` exists). The rules between fields read only those.
 */
export function soundness(issues: readonly { code?: string; path?: readonly PropertyKey[] }[]) {
  // An unknown key changes no value the rules read.
  const broken = issues.filter((i) => i.code !== "unrecognized_keys").map((i) => i.path ?? []);
  return (...path: PropertyKey[]) =>
    !broken.some((at) => at.slice(0, path.length).every((key, i) => path[i] === key));
}

/** A channel reference that names no channel, or one of several. */
export function findChannel<C extends { readonly type: string; readonly name: string }>(
  channels: readonly C[],
  ref: string,
): C | string {
  const byName = channels.find((c) => c.name === ref);
  if (byName !== undefined) return byName;
  const byType = channels.filter((c) => c.type === ref);
  if (byType.length === 1) return byType[0];
  const names = [...new Set(channels.map((c) => c.name))].join(", ");
  return byType.length > 1
    ? `names the type ${ref}, which ${byType.length} channels share; got ${describeValue(ref)}. Name the channel instead (${names}).`
    : `names no channel of this member; got ${describeValue(ref)}. Use a channel's name or type (${names}).`;
}

/** Reports each item whose key repeats an earlier one's, at `pathOf(i)`, in the shared wording. */
function repeats<T>(
  items: readonly T[],
  key: (item: T, i: number) => string | undefined,
  pathOf: (i: number) => PropertyKey[],
  what: string,
  rule: string,
  report: Report,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const value = key(item, i);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else report(pathOf(i), repeatsMessage(what, value, pathOf(first) as FieldPath, rule));
  });
}

/** The rules between fields of one team, over the parts that passed their own rules. */
export function teamRules(
  args: TeamShape,
  sound: ReturnType<typeof soundness>,
  report: Report,
): void {
  const members = Array.isArray(args.members) ? args.members : [];
  const aliasesKnown = members.length > 0 && members.every((_, i) => sound("members", i, "alias"));
  const aliases = aliasesKnown ? members.map((m) => m.alias) : [];
  repeats(
    members,
    (m, i) => (sound("members", i, "alias") ? m.alias : undefined),
    (i) => ["members", i, "alias"],
    "alias",
    "each member needs its own alias.",
    report,
  );
  const countryOk = sound("defaultCountry");
  members.forEach((member, i) => {
    if (!Array.isArray(member?.channels)) return;
    const at = (...rest: PropertyKey[]) => ["members", i, ...rest];
    const channelsOk = sound(...at("channels"));
    const names = member.channels.map((c, j) =>
      sound(...at("channels", j)) ? (c.name ?? c.type.toLowerCase()) : undefined,
    );
    member.channels.forEach((channel, j) => {
      if (!countryOk || !sound(...at("channels", j)) || typeof channel.address !== "string") return;
      const checked = normalizeAddress(channel.type, channel.address, args.defaultCountry);
      // Addresses are personal data: the message masks the one written and any it suggests.
      if ("rule" in checked) {
        report(at("channels", j, "address"), maskMessage(checked.rule, channel.address));
      }
    });
    repeats(
      member.channels,
      (_, j) => names[j],
      (j) =>
        member.channels[j].name === undefined ? at("channels", j) : at("channels", j, "name"),
      "channel name",
      "channel names are unique per member. Give it a distinct `name`.",
      report,
    );
    if (!Array.isArray(member.engagement) || !channelsOk) return;
    const channels = member.channels.map((c, j) => ({ type: c.type, name: names[j]! }));
    const engaged = new Set<string>();
    member.engagement.forEach((step, k) => {
      if (!sound(...at("engagement", k))) return;
      const found = findChannel(channels, step.channel);
      if (typeof found === "string") {
        report(at("engagement", k, "channel"), found);
      } else if (engaged.has(found.name)) {
        report(
          at("engagement", k, "channel"),
          `engages the channel ${describeValue(found.name)} a second time; got ${describeValue(step.channel)}. Engage each channel once: to reach the member again, engage another channel later or add an escalation stage (\`retryIntervalInMinutes\` only resends a failed send).`,
        );
      } else engaged.add(found.name);
    });
    // Where a step's own minute is broken, when the plan starts is not known.
    if (!sound(...at("engagement"))) return;
    const minutes = member.engagement.map((s) => s.afterMinutes);
    const earliest = Math.min(...minutes);
    if (minutes.length > 0 && earliest > 0) {
      report(
        at("engagement"),
        `starts at ${earliest} minutes, so nobody is paged at first; got no step at 0. Engage one channel at \`afterMinutes: 0\`.`,
      );
    }
  });
  const rotations = Array.isArray(args.rotations) ? args.rotations : [];
  repeats(
    rotations,
    (r, i) => (sound("rotations", i, "name") ? r.name : undefined),
    (i) => ["rotations", i, "name"],
    "rotation name",
    "rotation names are unique in a team.",
    report,
  );
  rotations.forEach((rotation, r) => {
    if (!sound("rotations", r, "members")) return;
    // A member whose own alias is broken (or no member at all) is already reported; a rotation
    // naming them is not.
    if (aliasesKnown) {
      rotation.members.forEach((alias, m) => {
        if (!aliases.includes(alias)) {
          report(
            ["rotations", r, "members", m],
            `names someone who is not a member of this team; got ${describeValue(alias)}. Add them to \`members\` or use one of: ${[...new Set(aliases)].join(", ")}.`,
          );
        }
      });
    }
    if (!sound("rotations", r, "recurrence", "numberOfOnCalls")) return;
    const numberOfOnCalls = rotation.recurrence?.numberOfOnCalls ?? 1;
    if (numberOfOnCalls > rotation.members.length) {
      report(
        ["rotations", r, "recurrence", "numberOfOnCalls"],
        `puts more members on call at once than the rotation has; got ${numberOfOnCalls} for ${rotation.members.length}. Lower \`numberOfOnCalls\` or add members.`,
      );
    }
  });
  const schedule = sound("schedule") ? args.schedule : {};
  if (
    sound("rotations") &&
    rotations.length === 0 &&
    (schedule.alias !== undefined || schedule.displayName !== undefined)
  ) {
    report(
      ["schedule"],
      `describes the on-call schedule, which a team without rotations does not have; got ${describeValue(schedule)}. Add \`rotations\`, or remove \`schedule\`.`,
    );
  }
  if (schedule.alias !== undefined && aliases.includes(schedule.alias)) {
    report(
      ["schedule", "alias"],
      `is also a member's alias; got ${describeValue(schedule.alias)}. Aliases are unique in an account: pick another.`,
    );
  }
  if (sound("adopt") && aliasesKnown) {
    adoptionRules(
      args,
      aliases,
      sound("rotations") ? rotations.map((r) => r.name) : undefined,
      report,
    );
  }
}

/** The rules of `adopt`: every key names something of this team, every ARN is well formed. */
function adoptionRules(
  args: TeamShape,
  aliases: readonly string[],
  rotationNames: readonly string[] | undefined,
  report: Report,
): void {
  const { adopt } = args;
  const readable = aliases.filter((a) => CONTACT_ALIAS.test(a));
  // Which contact each adopted alias names needs the component's name (the schedule's default
  // alias): see the resolution step.
  for (const [alias, channels] of Object.entries(adopt.channels)) {
    const member = args.members.find((m) => m.alias === alias);
    if (member === undefined) {
      report(
        ["adopt", "channels", alias],
        `names no member of this team; got ${describeValue(alias)}. Use a member's alias (${readable.join(", ")}).`,
      );
      continue;
    }
    if (!adopt.contacts.includes(alias)) {
      report(
        ["adopt", "channels", alias],
        `adopts channels of a contact that is not adopted; got ${describeValue(alias)}. A channel belongs to its existing contact: add ${describeValue(alias)} to \`adopt.contacts\`.`,
      );
    }
    const names = member.channels.map((c) => c.name ?? c.type.toLowerCase());
    for (const [channelName, arn] of Object.entries(channels)) {
      if (!names.includes(channelName)) {
        report(
          ["adopt", "channels", alias, channelName],
          `names no channel of ${alias}; got ${describeValue(channelName)}. Use a channel's name (${names.join(", ")}), written as it exists in AWS.`,
        );
      } else if (!CHANNEL_ARN.test(arn) || !arn.includes(`:contact-channel/${alias}/`)) {
        report(
          ["adopt", "channels", alias, channelName],
          `must be the ARN of a channel of ${alias}, such as arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact-channel/${alias}/0f2b2d1e-...; got ${describeValue(arn)}. Run \`aws ssm-contacts list-contact-channels --contact-id <contact ARN>\` to print it.`,
        );
      }
    }
  }
  if (rotationNames === undefined) return;
  for (const [rotationName, arn] of Object.entries(adopt.rotations)) {
    if (!rotationNames.includes(rotationName)) {
      report(
        ["adopt", "rotations", rotationName],
        `names no rotation of this team; got ${describeValue(rotationName)}. Use a rotation's name (${rotationNames.join(", ") || "none"}).`,
      );
    } else if (!ROTATION_ARN.test(arn)) {
      report(
        ["adopt", "rotations", rotationName],
        `must be a rotation ARN such as arn:aws:ssm-contacts:ap-northeast-1:123456789012:rotation/0f2b2d1e-...; got ${describeValue(arn)}. Run \`aws ssm-contacts list-rotations\` to print it.`,
      );
    }
  }
}

/** `message` with `written`, and every phone number and email in it, masked. */
export function maskMessage(message: string, written: unknown): string {
  const raw = typeof written === "string" && written !== "" ? written : undefined;
  const withoutRaw =
    raw === undefined
      ? message
      : message.split(JSON.stringify(raw)).join(JSON.stringify(maskAddress(raw)));
  return withoutRaw
    .replace(/[^\s@"]+@[^\s@"]+\.[A-Za-z]{2,}/g, (email) => maskAddress(email))
    .replace(/\+\d{6,15}\b/g, (phone) => maskAddress(phone));
}
