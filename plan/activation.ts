/**
 * The contact channels the first `up` creates, which their owners must activate before Incident
 * Manager can engage them, and how.
 *
 * AWS's facts: "Incident Manager can't engage a contact until the contact channel has been
 * activated" (botocore 1.43 ssm-contacts, ActivateContactChannel, which takes ContactChannelId
 * and ActivationCode, 6-10 digits); CreateContactChannel's DeferActivation lets a channel be
 * activated "at a later time", and SendActivationCode sends a code then (same model); the user
 * guide's contacts page says a code is sent when contacts are created and is entered in the
 * console (https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html).
 *
 * The providers' facts: `@pulumi/aws` bridges terraform-provider-aws, whose contact channel is
 * created with `DeferActivation: true` (internal/service/ssmcontacts/contact_channel.go), so no
 * code is sent on `up` and one must be requested; an `@pulumi/aws-native` channel sends the code
 * on creation unless its `deferActivation` is true.
 *
 * A channel with an import ID is adopted: it exists, was activated by its owner, and is not
 * listed (replacing it would make its owner activate it again).
 */
import type { CapturedResource } from "../testing";
import { maskText } from "./mask";

/** One channel to activate. */
export interface ChannelActivation {
  /** The channel's resource name. */
  readonly resource: string;
  /** The channel's name in AWS. */
  readonly channel: string;
  /** The alias of the contact it belongs to (from its contact's ARN), or "" when unknown. */
  readonly contact: string;
  readonly type: string;
  /** The address, masked (`[secret]` when it is a secret). */
  readonly address: string;
  /** Whether AWS sends the activation code when the first `up` creates the channel. */
  readonly codeSentOnUp: boolean;
}

const CLASSIC = "aws:ssmcontacts/contactChannel:ContactChannel";
const NATIVE = "aws-native:ssmcontacts:ContactChannel";

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The contact alias at the end of a contact ARN (`...:contact/<alias>`). */
function aliasOf(arn: unknown): string {
  return /:contact\/([^/]+)$/.exec(text(arn))?.[1] ?? "";
}

/** Every contact channel the stack creates (no import ID), in registration order. */
export function activationsOf(resources: readonly CapturedResource[]): ChannelActivation[] {
  return resources
    .filter((r) => (r.type === CLASSIC || r.type === NATIVE) && r.importId === undefined)
    .map((r) => {
      const classic = r.type === CLASSIC;
      const addressKey = classic ? "deliveryAddress" : "channelAddress";
      const raw = classic
        ? (r.inputs.deliveryAddress as { simpleAddress?: unknown } | undefined)?.simpleAddress
        : r.inputs.channelAddress;
      return {
        resource: r.name,
        channel: text(classic ? r.inputs.name : r.inputs.channelName),
        contact: aliasOf(r.inputs.contactId),
        type: text(classic ? r.inputs.type : r.inputs.channelType),
        address: r.secretInputs.includes(addressKey) ? "[secret]" : maskText(text(raw)),
        codeSentOnUp: !classic && r.inputs.deferActivation !== true,
      };
    });
}

/** The text `plan` prints for {@link activationsOf}'s list (nothing when it is empty). */
export function renderActivation(channels: readonly ChannelActivation[]): string[] {
  if (channels.length === 0) return [];
  const lines = [
    `${channels.length} new contact channel(s) must be activated by their owners before Incident Manager can engage them (adopted channels, with an import ID, are active already and not listed):`,
  ];
  const width = (f: (c: ChannelActivation) => string) =>
    Math.max(...channels.map((c) => f(c).length));
  const w = [width((c) => c.contact), width((c) => c.channel), width((c) => c.type)];
  for (const c of channels) {
    lines.push(
      `  ${c.contact.padEnd(w[0])}  ${c.channel.padEnd(w[1])}  ${c.type.padEnd(w[2])}  ${c.address}  ${c.codeSentOnUp ? "code sent on up" : "no code sent on up (activation deferred)"}`,
    );
  }
  if (channels.some((c) => !c.codeSentOnUp)) {
    lines.push(
      "A channel created with activation deferred (every @pulumi/aws channel: its provider defers it) gets no code on up; after up, send one:",
      "  aws ssm-contacts send-activation-code --contact-channel-id <channel ARN>",
    );
  }
  lines.push(
    "The owner then enters the code in the Incident Manager console (Contacts, the contact, the channel), or:",
    "  aws ssm-contacts activate-contact-channel --contact-channel-id <channel ARN> --activation-code <code>",
  );
  if (channels.some((c) => c.type === "VOICE")) {
    lines.push(
      "VOICE: have each owner save the number Incident Manager calls from in their phone's contacts, so its calls are recognised and not rejected as unknown. AWS's text on a published Incident Manager contact card was not found in the sources plan is checked against; look for it on the user guide's contacts page (https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html) and in the console.",
    );
  }
  return lines;
}
