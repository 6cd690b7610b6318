/**
 * Post-incident analysis templates: SSM documents of type `ProblemAnalysisTemplate` that
 * Incident Manager builds an analysis from.
 */
import { apiMember } from "./model";

const CREATE = "ssm:CreateDocument";

/**
 * The document type of an analysis template. Source: the Incident Manager user guide's
 * post-incident analysis page ("You must include `DocumentType: "ProblemAnalysisTemplate"`"),
 * checked against ssm CreateDocument DocumentType's enum when this module loads.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/analysis.html
 */
export const ANALYSIS_TEMPLATE_TYPE = "ProblemAnalysisTemplate";
if (!(apiMember(CREATE, "DocumentType").enum ?? []).includes(ANALYSIS_TEMPLATE_TYPE)) {
  throw new Error(`ssm CreateDocument DocumentType has no ${ANALYSIS_TEMPLATE_TYPE}`);
}

/** The document format of an analysis template: `JSON` (user guide, post-incident analysis). */
export const ANALYSIS_TEMPLATE_FORMAT = "JSON";

/**
 * The most a document's content may hold, in bytes. Source: ssm CreateDocument Content ("The
 * content of the document must not exceed 64KB"); AWS does not say whether a KB is 1,000 or
 * 1,024 bytes, nor how characters are counted: read as 65,536 bytes of UTF-8.
 */
export const DOCUMENT_CONTENT_MAX_BYTES = 64 * 1024;

/**
 * AWS's standard analysis template, offered to every account. Source: the user guide's
 * post-incident analysis page, "AWS standard template".
 */
export const STANDARD_ANALYSIS_TEMPLATE = "AWSIncidents-PostIncidentAnalysisTemplate";
