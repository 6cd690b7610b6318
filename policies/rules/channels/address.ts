/** A contact channel's type and address in either flavour. */
import { obj } from "../common";

export interface ChannelFields {
  /** Property path of the type, for messages. */
  readonly typePath: string;
  readonly addressPath: string;
  readonly type: () => unknown;
  readonly address: () => unknown;
}

/** Classic: `type` + `deliveryAddress.simpleAddress`; aws-native: `channelType` + `channelAddress`. */
export function channelFields(type: string, props: Record<string, unknown>): ChannelFields {
  if (type.startsWith("aws-native:")) {
    return {
      typePath: "channelType",
      addressPath: "channelAddress",
      type: () => props.channelType,
      address: () => props.channelAddress,
    };
  }
  return {
    typePath: "type",
    addressPath: "deliveryAddress.simpleAddress",
    type: () => props.type,
    address: () => obj(props.deliveryAddress)?.simpleAddress,
  };
}

/** The same props with the address replaced (for remediation). */
export function withAddress(
  type: string,
  props: Record<string, unknown>,
  address: string,
): Record<string, unknown> {
  if (type.startsWith("aws-native:")) return { ...props, channelAddress: address };
  return {
    ...props,
    deliveryAddress: { ...(obj(props.deliveryAddress) ?? {}), simpleAddress: address },
  };
}
