/** EscalationChain: args, data schema, resolution and the component. */
export type { EscalationChainArgs, EscalationStage, EscalationStageTarget } from "./args";
export {
  escalationChainSchema,
  parseEscalationChainArgs,
  type EscalationChainData,
} from "./schema";
export {
  resolveEscalationChain,
  prepareEscalationChain,
  usePrepared,
  type EscalationChainSpec,
  type PreparedEscalationChain,
} from "./resolution";
export { EscalationChain } from "./component";
