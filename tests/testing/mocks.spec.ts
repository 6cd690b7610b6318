import { strict as assert } from "assert";
import {
  configureMocks,
  MOCK_ACCOUNT,
  mockCall,
  mocks,
  mockSettings,
  mockState,
  setMockAccount,
} from "../../testing";

describe("testing.mocks: the account, partition and region they answer as", () => {
  afterEach(() => configureMocks());

  it("answer in the default account, partition and region", () => {
    mocks();
    assert.deepEqual(mockSettings(), {
      account: "123456789012",
      partition: "aws",
      region: "ap-northeast-1",
    });
    assert.equal(
      mockState("aws:ssmcontacts/contact:Contact", "taro-contact", { alias: "taro" }).state.arn,
      "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro",
    );
  });

  it("make every ARN and invoke answer in the account, partition and region given", () => {
    mocks({ account: "111122223333", partition: "aws-cn", region: "cn-north-1" });
    assert.equal(
      mockState("aws:ssmincidents/responsePlan:ResponsePlan", "p", { name: "plan" }).state.arn,
      "arn:aws-cn:ssm-incidents::111122223333:response-plan/plan",
    );
    assert.equal(
      mockState("aws:iam/role:Role", "r", { name: "runbook" }).state.arn,
      "arn:aws-cn:iam::111122223333:role/runbook",
    );
    assert.deepEqual(mockCall("aws:index/getPartition:getPartition", {}), {
      partition: "aws-cn",
      dnsSuffix: "amazonaws.com.cn",
      id: "aws-cn",
    });
    assert.equal(
      mockCall("aws:index/getCallerIdentity:getCallerIdentity", {}).accountId,
      "111122223333",
    );
    assert.equal(mockCall("aws:index/getRegion:getRegion", {}).name, "cn-north-1");
    assert.equal(mockCall("aws-native:index:getAccountId", {}).accountId, "111122223333");
  });

  it("keep a resource's own region and an import ID that is its ARN", async () => {
    const m = mocks();
    const arn = "arn:aws:ssm-contacts:ap-northeast-2:123456789012:contact/jiro";
    const imported = await m.newResource({
      type: "aws:ssmcontacts/contact:Contact",
      name: "jiro-contact",
      inputs: { alias: "jiro", region: "ap-northeast-2" },
      id: arn,
    });
    assert.deepEqual(imported, {
      id: arn,
      state: { alias: "jiro", region: "ap-northeast-2", arn },
    });
  });

  it("do not carry one test's options into the next; setMockAccount does", () => {
    mocks({ account: "111122223333" });
    mocks();
    assert.equal(mockSettings().account, MOCK_ACCOUNT);
    setMockAccount("444455556666");
    try {
      mocks({ region: "us-east-1" });
      assert.deepEqual(mockSettings(), {
        account: "444455556666",
        partition: "aws",
        region: "us-east-1",
      });
    } finally {
      setMockAccount(undefined);
    }
    assert.equal(mockSettings().account, MOCK_ACCOUNT);
  });

  it("refuse an account that is not 12 digits and a partition AWS does not have", () => {
    assert.throws(() => mocks({ account: "12345" }), {
      message: "mocks: account must be 12 digits, such as 123456789012; got 12345",
    });
    assert.throws(
      () => mocks({ partition: "aws-mars" }),
      /partition must be one of aws, aws-cn, aws-us-gov, .*; got aws-mars/,
    );
  });
});
