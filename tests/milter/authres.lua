-- authres.lua - moot-milter and Authentication-Results: a field naming
-- [milter] authserv_id that a client sent below other fields is deleted
-- and not stored; one at the top, where the MTA's verifier puts it, is
-- stored.  Run by tests/authres.sh with -D sock=SPEC; prints PASS/FAIL.

local function check(cond, text)
	if cond then mt.echo("PASS " .. text) else mt.echo("FAIL " .. text) end
end

local function send(id, headers)
	local conn = mt.connect(sock, 40, 0.25)
	if conn == nil then error("cannot connect to " .. sock) end
	mt.negotiate(conn, nil, nil, nil)
	mt.conninfo(conn, "client.example", "192.0.2.1")
	mt.macro(conn, SMFIC_MAIL, "i", id)
	mt.mailfrom(conn, "<amira@one.example>")
	mt.rcptto(conn, "<club@lists.example.org>")
	mt.rcptto(conn, "<bob@elsewhere.example>")
	for _, h in ipairs(headers) do mt.header(conn, h[1], h[2]) end
	mt.eoh(conn)
	mt.bodystring(conn, "Hello.\r\n")
	mt.eom(conn)
	return conn
end

local ours = "mx.lists.example.org; dkim=pass header.d=one.example"
local ok, err = pcall(function()
	-- 1. The verifier's field, at the top: kept.
	local conn = send("AR00001", {
		{ "Authentication-Results", ours },
		{ "From", "amira@one.example" },
		{ "To", "club@lists.example.org" },
		{ "Subject", "stamped by the MTA" },
	})
	check(not mt.eom_check(conn, MT_HDRDELETE), "the MTA's own field is not deleted")
	mt.disconnect(conn)

	-- 2. The same field below the client's From: deleted.
	conn = send("AR00002", {
		{ "From", "amira@one.example" },
		{ "Authentication-Results", ours },
		{ "To", "club@lists.example.org" },
		{ "Authentication-Results", "other.example; spf=pass smtp.mailfrom=one.example" },
		{ "Subject", "forged" },
	})
	check(mt.eom_check(conn, MT_HDRDELETE, "Authentication-Results"), "a client's field naming our authserv-id is deleted")
	mt.disconnect(conn)
end)
if not ok then mt.echo("FAIL lua: " .. tostring(err)) end
