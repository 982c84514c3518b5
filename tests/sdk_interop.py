"""The emulator, as Alibaba Cloud's official Python SDK sees it.

Run by tests/sdk_interop.sh against `createimage-contract serve`. The classic
SDK (aliyun-python-sdk-core + aliyun-python-sdk-ecs) signs with V1
(HMAC-SHA1), sends POST with every parameter in the query (an empty
`SignatureType=` included), asks for JSON and turns any non-2xx answer into a
ServerException. These checks make sure that users of that SDK get what real
ECS would give them: a success, a validation error, a rejected signature and a
missing snapshot.

Prints one `ok - ...` / `not ok - ...` line per check, then `N passed, M failed`;
exits 1 if any check failed.
"""

import argparse
import json
import os
import re
import sys
import uuid

import yaml
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.http import protocol_type
from aliyunsdkecs.request.v20140526.CreateImageRequest import CreateImageRequest

IMAGE_ID = re.compile(r"m-[a-z0-9]{20}")
REQUEST_ID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
MISSING_SNAPSHOT = "s-sdkinterop0missing1"

# Loopback only: the SDK would send even 127.0.0.1 through an HTTP(S)_PROXY.
for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
    os.environ.pop(name, None)


class EmulatorClient(AcsClient):
    """An AcsClient that can only talk to the emulator.

    Auto-retry is off, so a retry can never hide a first wrong answer, and
    endpoint resolution (which would look up a real regional endpoint) refuses.
    """

    def __init__(self, endpoint, key_id, secret):
        AcsClient.__init__(self, key_id, secret, "cn-hangzhou", auto_retry=False)
        self.emulator = endpoint
        self.last_request = None

    def _resolve_endpoint(self, request):
        raise RuntimeError("refusing to resolve a real endpoint: request.set_endpoint() was not called")

    def create_image(self, **params):
        """Sends CreateImage over plain HTTP to the emulator; returns the JSON body."""
        request = CreateImageRequest()
        request.set_endpoint(self.emulator)
        request.set_protocol_type(protocol_type.HTTP)
        for name, value in params.items():
            getattr(request, "set_" + name)(value)
        self.last_request = request
        return json.loads(self.do_action_with_exception(request))


def named(manifest, kind, name):
    """The manifest entry of this kind (accounts, snapshots, ...) with this name."""
    for entry in manifest.get(kind) or []:
        if entry.get("name") == name:
            return entry
    sys.exit("sdk_interop.py: the fixture manifest has no %s named %r" % (kind, name))


def expect_error(call, code, status, message=None):
    """Problems with the ServerException that `call` should raise (empty: none)."""
    try:
        body = call()
    except ServerException as e:
        problems = []
        if e.get_error_code() != code:
            problems.append("code %r (%r), expected %r" % (e.get_error_code(), e.get_error_msg(), code))
        if e.get_http_status() != status:
            problems.append("HTTP %s, expected %s" % (e.get_http_status(), status))
        if message is not None and e.get_error_msg() != message:
            problems.append("message %r, expected %r" % (e.get_error_msg(), message))
        if not REQUEST_ID.fullmatch(e.get_request_id() or ""):
            problems.append("request id %r is not an uppercase UUID" % e.get_request_id())
        return problems
    return ["no error, the SDK returned %r" % body]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="127.0.0.1:PORT of the emulator")
    parser.add_argument("--fixtures", required=True, help="the fixture manifest")
    args = parser.parse_args()
    if not args.endpoint.startswith("127.0.0.1:"):
        sys.exit("sdk_interop.py: refusing a non-loopback endpoint %r" % args.endpoint)

    with open(args.fixtures) as f:
        manifest = yaml.safe_load(f)
    account = named(manifest, "accounts", "default")
    snapshot = named(manifest, "snapshots", "system")
    key_id, secret = account["access_key_id"], account["access_key_secret"]
    client = EmulatorClient(args.endpoint, key_id, secret)

    def success():
        name = "sdk-interop-" + uuid.uuid4().hex
        body = client.create_image(SnapshotId=snapshot["id"], ImageName=name)
        problems = []
        if not IMAGE_ID.fullmatch(str(body.get("ImageId"))):
            problems.append("ImageId %r is not m- and 20 lowercase letters or digits" % body.get("ImageId"))
        if not REQUEST_ID.fullmatch(str(body.get("RequestId"))):
            problems.append("RequestId %r is not an uppercase UUID" % body.get("RequestId"))
        if "Code" in body:
            problems.append("a success body carries Code %r" % body["Code"])
        return problems

    def malformed_name():
        return expect_error(
            lambda: client.create_image(SnapshotId=snapshot["id"], ImageName="a"),
            "InvalidImageName.Malformed", 400, "The specified Image name is wrongly formed.")

    def wrong_secret():
        # The SDK reports a 400 SignatureDoesNotMatch as InvalidAccessKeySecret
        # when the message's "server string to sign is:<StringToSign>" equals the
        # string it signed itself (aliyunsdkcore/client.py). Real ECS echoes that
        # string, so this is what users see; a bare SignatureDoesNotMatch here
        # means the emulator echoed a different string to sign.
        intruder = EmulatorClient(args.endpoint, key_id, secret + "-wrong")
        problems = expect_error(
            lambda: intruder.create_image(SnapshotId=snapshot["id"], ImageName="sdk-interop-intruder"),
            "InvalidAccessKeySecret", 400)
        if any("SignatureDoesNotMatch" in problem for problem in problems):
            problems.append("the SDK signed %r" % intruder.last_request.string_to_sign)
        return problems

    def missing_snapshot():
        return expect_error(
            lambda: client.create_image(SnapshotId=MISSING_SNAPSHOT),
            "InvalidSnapshotId.NotFound", 404, "The specified SnapshotId does not exist.")

    checks = [
        ("CreateImage from the system snapshot returns an m- ImageId and an uppercase-UUID RequestId", success),
        ("ImageName 'a' raises InvalidImageName.Malformed, HTTP 400", malformed_name),
        ("a wrong secret is rejected: SignatureDoesNotMatch, HTTP 400, echoing the SDK's string to sign", wrong_secret),
        ("a nonexistent snapshot raises InvalidSnapshotId.NotFound, HTTP 404", missing_snapshot),
    ]
    failed = 0
    for title, check in checks:
        try:
            problems = check()
        except Exception as e:  # an unexpected exception, or a crash inside the SDK, fails the check
            problems = ["%s: %s" % (type(e).__name__, e)]
        if problems:
            failed += 1
            print("not ok - %s: %s" % (title, "; ".join(problems)))
        else:
            print("ok - %s" % title)
    print("%d passed, %d failed" % (len(checks) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
