"""The seed scenario in Python, through the incident-manager component provider.

A replication set in Tokyo and Seoul, a team of three on a weekly rotation, an escalation of
5, 5 and 0 minutes, and a response plan that one CloudWatch alarm starts. References between the
components are data: the setup's outputs as a dict, targets taken from the team's and chain's
outputs.
"""

import pulumi
import pulumi_incident_manager as im

config = pulumi.Config()

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
