/**
 * Engagement and escalation plan stages: read by components/graph, which `plan` shares, so the
 * pack and `plan` read stages one way.
 */
export { type Stage, type Target, stagesOf, targetsOf } from "../../../components/graph/stages";
