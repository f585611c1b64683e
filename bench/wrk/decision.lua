-- wrk script: POST the decision request named by BODY_FILE to /v1/decisions, as an agent would.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.body = f:read("*a")
f:close()
