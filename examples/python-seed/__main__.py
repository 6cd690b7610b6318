"""The seed scenario in Python, through the incident-manager component provider.

A replication set in Tokyo and Seoul, a team of three on a weekly rotation, an escalation of
5, 5 and 0 minutes, and a response plan that one CloudWatch alarm starts, with a Slack chat
channel and a runbook that posts the incident's timeline there, then waits for approval.
References between the components are data: the setup's outputs as a dict, targets taken from the
team's and chain's outputs.
"""

from pathlib import Path

import pulumi
import pulumi_incident_manager as im

config = pulumi.Config()

# The seed runbook, an SSM Automation document the response plan creates.
RUNBOOK = Path(__file__).parent / "../../stack/runbooks/post-timeline-then-approve.yaml"

setup = im.IncidentManagerSetup(
    "incident-manager",
    regions=["ap-northeast-1", "ap-northeast-2"],
    tags={"team": "sre"},
)

# What the other components take as `setup`: the setup's reference outputs.
setup_ref = {
    "replication_set_arn": setup.replication_set_arn,
    "primary_region": setup.primary_region,
    "regions": setup.regions,
    "account_id": setup.account_id,
    "partition": setup.partition,
    "tags": setup.tags,
}

team = im.OnCallTeam(
    "sre",
    setup=setup_ref,
    default_country="JP",
    members=[
        {
            "alias": "taro",
            "display_name": "Taro Yamada",
            "channels": [
                {"type": "SMS", "address": config.require_secret("taroPhone")},
                {"type": "EMAIL", "address": "taro@example.com"},
            ],
        },
        {
            "alias": "hanako",
            "display_name": "Hanako Sato",
            "channels": [
                {"type": "SMS", "address": config.require_secret("hanakoPhone")},
                {"type": "EMAIL", "address": "hanako@example.com"},
            ],
        },
        {
            "alias": "jiro",
            "display_name": "Jiro Suzuki",
            "channels": [{"type": "EMAIL", "address": "jiro@example.com"}],
        },
    ],
    rotations=[
        {
            "name": "primary",
            "members": ["taro", "hanako", "jiro"],
            "start_time": "2026-04-06T09:00:00",
            "time_zone": "Asia/Tokyo",
            "recurrence": {"weekly": [{"day_of_week": "MON", "hand_off_time": "09:00"}]},
        }
    ],
)

chain = im.EscalationChain(
    "sre-escalation",
    setup=setup_ref,
    alias="sre-escalation",
    display_name="SRE escalation",
    stages=[
        {"duration_in_minutes": 5, "targets": [{"target": team.member_targets["taro"]}]},
        {"duration_in_minutes": 5, "targets": [{"target": team.member_targets["hanako"]}]},
        {
            "duration_in_minutes": 0,
            "targets": [{"target": team.member_targets["jiro"], "is_essential": False}],
        },
    ],
)

plan = im.ResponsePlanWithAlarms(
    "api-errors",
    setup=setup_ref,
    incident={"title": "API errors", "impact": 3},
    engagements=[chain.target],
    # The Slack workspace must already be authorised in the AWS Chatbot console (Amazon Q
    # Developer in chat applications).
    chat_channel={
        "slack": {
            "workspace_id": config.get("slackWorkspaceId") or "T07EA123LEP",
            "channel_id": config.get("slackChannelId") or "C07EZ1ABC23",
        }
    },
    # Posts the incident's timeline to the chat channel, then waits for approval.
    runbook={
        "document": {"text": RUNBOOK.read_text()},
        "chat_topic_parameter": "ChatTopicArn",
        "dynamic_parameters": {"IncidentRecordArn": "INCIDENT_RECORD_ARN"},
        "parameters": {
            "Approvers": [
                pulumi.Output.concat(
                    "arn:", setup.partition, ":iam::", setup.account_id, ":role/incident-commander"
                )
            ]
        },
        "automation_policy": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "ReadTheTimeline",
                    "Effect": "Allow",
                    "Action": [
                        "ssm-incidents:ListTimelineEvents",
                        "ssm-incidents:GetTimelineEvent",
                    ],
                    "Resource": pulumi.Output.concat(
                        "arn:",
                        setup.partition,
                        ":ssm-incidents::",
                        setup.account_id,
                        ":incident-record/api-errors/*",
                    ),
                }
            ],
        },
    },
    alarms=[
        {
            "name": "api-5xx",
            "namespace": "AWS/ApiGateway",
            "metric_name": "5XXError",
            "dimensions": {"ApiName": "orders"},
            "statistic": "Sum",
            "period": 60,
            "evaluation_periods": 5,
            "threshold": 10,
            "comparison_operator": "GreaterThanThreshold",
        }
    ],
)

pulumi.export("replicationSetArn", setup.replication_set_arn)
pulumi.export("escalationArn", chain.arn)
pulumi.export("responsePlanArn", plan.arn)
