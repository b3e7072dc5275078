-- protocol.lua - drive moot-milter through the milter protocol with
-- miltertest (package miltertest).  Run with -D sock=SPEC.  Prints one
-- "PASS text" or "FAIL text" line per check, which tests/milter.sh turns
-- into TAP; the shell test then checks the spool and the log.

local function check(cond, text)
	if cond then mt.echo("PASS " .. text) else mt.echo("FAIL " .. text) end
end

local function open(from, size)
	local conn = mt.connect(sock, 40, 0.25)
	if conn == nil then error("cannot connect to " .. sock) end
	mt.negotiate(conn, nil, nil, nil)
	mt.conninfo(conn, "client.example", "192.0.2.1")
	-- The queue id, as Postfix sends it with MAIL (and later stages).
	mt.macro(conn, SMFIC_MAIL, "i", qid)
	if size ~= nil then
		mt.mailfrom(conn, from, "SIZE=" .. size)
	else
		mt.mailfrom(conn, from)
	end
	return conn
end

local function message(conn, headers, body)
	-- No mt.data(): moot-milter asks not to hear about DATA.  Values
	-- without their leading space: miltertest does not offer
	-- SMFIP_HDR_LEADSPC (Postfix does, and then keeps it).
	for _, h in ipairs(headers) do mt.header(conn, h[1], h[2]) end
	mt.eoh(conn)
	-- In chunks of 32 KB, as an MTA sends them (a milter packet is at
	-- most 64 KB).
	for i = 1, #body, 32768 do
		mt.bodystring(conn, string.sub(body, i, i + 32767))
	end
	return mt.eom(conn)
end

local function post_headers(id)
	return {
		{ "From", "Amira <amira@one.example>" },
		{ "To", "ops@lists.example.org" },
		{ "Subject", "Protocol test " .. id },
		{ "Message-ID", "<protocol-" .. id .. "@one.example>" },
	}
end

local ok, err = pcall(function()
	-- 1. An unknown list address is refused at RCPT.
	qid = "MT00001"
	local conn = open("<amira@one.example>")
	mt.rcptto(conn, "<nosuchlist@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_REPLYCODE, "unknown list: refused at RCPT")
	mt.rcptto(conn, "<ops-bogus+x@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_REPLYCODE, "a malformed list address: refused")
	-- An address outside the list domain is left alone.
	mt.rcptto(conn, "<bob@elsewhere.example>")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "an outside address: left alone")
	mt.disconnect(conn)

	-- 2. A non-member to a members-only list.
	qid = "MT00002"
	conn = open("<stranger@x.example>")
	mt.rcptto(conn, "<ops@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_REPLYCODE, "non-member to members-only: refused at RCPT")
	-- but the same sender may write to the list's command address
	mt.rcptto(conn, "<ops-request@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "the command address takes anyone")
	mt.rcptto(conn, "<ops-moderate+abcdefghijklmnopqrstuvwxyz@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "a moderation address is accepted (token checked later)")
	-- what comes back: a VERP token is 26 characters (verp.h), so that
	-- the local part fits 64 octets; a longer one is no address of ours
	mt.rcptto(conn, "<ops-bounces+abcdefghijklmnopqrstuvwxyz@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "a bounce address with a 26-character token is accepted (checked later)")
	mt.rcptto(conn, "<ops-bounces+abcdefghijklmnopqrstuvwxyz2@lists.example.org>")
	check(mt.getreply(conn) ~= SMFIR_CONTINUE, "one with a 27-character token is refused at RCPT")
	mt.rcptto(conn, "<ops-bounces@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "the bare bounce address is accepted")
	mt.disconnect(conn)

	-- 3. A list that has ended.
	qid = "MT00003"
	conn = open("<amira@one.example>")
	mt.rcptto(conn, "<tf-old@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_REPLYCODE, "a list that has ended: refused at RCPT")
	mt.disconnect(conn)

	-- 4. Too large: announced with SIZE=, and found at the end.
	qid = "MT00004"
	conn = open("<amira@one.example>", "5000000")
	mt.rcptto(conn, "<small@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_REPLYCODE, "SIZE= above the list's limit: refused at RCPT")
	mt.disconnect(conn)
	qid = "MT00005"
	conn = open("<amira@one.example>")
	mt.rcptto(conn, "<small@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "no SIZE=: accepted at RCPT")
	message(conn, post_headers("big"), string.rep("0123456789abcdef", 8192) .. "\r\n")
	check(mt.getreply(conn) == SMFIR_REPLYCODE, "larger than the list's limit: refused at the end")
	mt.disconnect(conn)
	-- With an outside recipient too: only the list is taken out (A7).
	qid = "MT00010"
	conn = open("<amira@one.example>")
	mt.rcptto(conn, "<small@lists.example.org>")
	mt.rcptto(conn, "<bob@elsewhere.example>")
	message(conn, post_headers("big-mixed"), string.rep("0123456789abcdef", 8192) .. "\r\n")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "too large, with an outside recipient: the message goes on")
	check(mt.eom_check(conn, MT_RCPTDELETE, "<small@lists.example.org>"), "  without the list address")
	check(not mt.eom_check(conn, MT_RCPTDELETE, "<bob@elsewhere.example>"), "  but still for the outside recipient")
	mt.disconnect(conn)

	-- 5. A post: stored, and the MTA told to drop it (every recipient ours).
	qid = "MT00006"
	conn = open("<amira@one.example>")
	mt.rcptto(conn, "<ops@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "a member's post: accepted at RCPT")
	message(conn, post_headers("one"), "Hello ops.\r\n")
	check(mt.getreply(conn) == SMFIR_DISCARD, "all recipients ours: discarded from the MTA's delivery")
	mt.disconnect(conn)

	-- 6. Mixed recipients: only ours are removed (threat A7).
	qid = "MT00007"
	conn = open("<amira@one.example>")
	mt.rcptto(conn, "<ops@lists.example.org>")
	mt.rcptto(conn, "<bob@elsewhere.example>")
	mt.rcptto(conn, "<OPS-Request@Lists.Example.ORG>")
	message(conn, post_headers("two"), "Hello ops and Bob.\r\n")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "mixed recipients: the message goes on")
	check(mt.eom_check(conn, MT_RCPTDELETE, "<ops@lists.example.org>"), "  without the list address")
	check(mt.eom_check(conn, MT_RCPTDELETE, "<OPS-Request@Lists.Example.ORG>"), "  nor the request address, as the MTA wrote it")
	check(not mt.eom_check(conn, MT_RCPTDELETE, "<bob@elsewhere.example>"), "  but still for the outside recipient")
	mt.disconnect(conn)

	-- 7. Our own copy coming back (X-Loop): dropped for that list, not stored.
	qid = "MT00008"
	conn = open("<amira@one.example>")
	mt.rcptto(conn, "<ops@lists.example.org>")
	mt.rcptto(conn, "<carol@elsewhere.example>")
	local h = post_headers("loop")
	table.insert(h, { "X-Loop", "ops@lists.example.org" })
	message(conn, h, "Round and round.\r\n")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "a looping copy with another recipient: goes on")
	check(mt.eom_check(conn, MT_RCPTDELETE, "<ops@lists.example.org>"), "  without the list")
	mt.disconnect(conn)

	-- 8. Two messages on one connection: the second has its own state.
	qid = "MT00009"
	conn = open("<amira@one.example>")
	mt.rcptto(conn, "<ops@lists.example.org>")
	message(conn, post_headers("three"), "First.\r\n")
	check(mt.getreply(conn) == SMFIR_DISCARD, "first message on a connection: stored")
	mt.mailfrom(conn, "<stranger@x.example>")
	mt.rcptto(conn, "<ops@lists.example.org>")
	check(mt.getreply(conn) == SMFIR_REPLYCODE, "second message, another sender: judged afresh")
	mt.disconnect(conn)

	-- 9. One list address in 100 RCPTs, spelled three ways, without a
	-- Message-ID: stored once (threat A3; milter.sh counts the rows),
	-- and every spelling taken out of the MTA's delivery.
	qid = "MT00010"
	conn = open("<amira@one.example>")
	local spellings = { "<ops@lists.example.org>", "<OPS@Lists.Example.ORG>",
	    "<Ops@lists.example.org>" }
	local all = true
	for i = 1, 100 do
		mt.rcptto(conn, spellings[i % 3 + 1])
		all = all and mt.getreply(conn) == SMFIR_CONTINUE
	end
	check(all, "A3: one list address in 100 RCPTs: each accepted")
	mt.rcptto(conn, "<dave@elsewhere.example>")
	message(conn, {
		{ "From", "Amira <amira@one.example>" },
		{ "To", "ops@lists.example.org" },
		{ "Subject", "Protocol test repeated" },
	}, "Once, please.\r\n")
	check(mt.getreply(conn) == SMFIR_CONTINUE, "A3: repeated RCPTs and another recipient: the message goes on")
	for _, a in ipairs(spellings) do
		check(mt.eom_check(conn, MT_RCPTDELETE, a), "A3:   without " .. a)
	end
	mt.disconnect(conn)
end)
if not ok then
	mt.echo("FAIL the script stopped: " .. tostring(err))
end
