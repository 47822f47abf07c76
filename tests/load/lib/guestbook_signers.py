#!/usr/bin/env python3
"""Visitors who sign the guestbook as the form asks, and the check that each signature is stored once.

sign BASE SIGNERS SECONDS ACCEPTED-FILE [WAIT]
    SIGNERS visitors, each in a loop for SECONDS: fetch /guestbook (cookie, antiforgery token, form
    time), wait WAIT seconds (the site's Guestbook:MinimumSecondsToSubmit), post a unique message.
    A message is accepted when the answer is the redirect to /guestbook?thanks=published|review;
    it is then appended (and flushed) to ACCEPTED-FILE. Connection failures (the site killed) are
    counted, never retried with the same message. Prints: sent, accepted, refused, failed.
verify DB ACCEPTED-FILE
    Every accepted message is stored exactly once, and no message is stored twice. Prints
    accepted, stored, duplicates, lost; exit code 1 when any is lost or duplicated.
"""
import html, http.cookiejar, re, sqlite3, sys, threading, time, urllib.error, urllib.parse, urllib.request, uuid

TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
FORM_TIME = re.compile(r'<input[^>]*name="FormTime"[^>]*>')
VALUE = re.compile(r'value="([^"]*)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign(base, signers, seconds, accepted_file, wait):
    lock = threading.Lock()
    counts = {"sent": 0, "accepted": 0, "refused": 0, "failed": 0}
    deadline = time.monotonic() + seconds
    out = open(accepted_file, "a", encoding="utf-8")

    def visitor(n):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
        i = 0
        while time.monotonic() < deadline:
            i += 1
            try:
                page = opener.open(base + "/guestbook", timeout=30).read().decode("utf-8")
                token = html.unescape(TOKEN.search(page).group(1))
                form_time = html.unescape(VALUE.search(FORM_TIME.search(page).group(0)).group(1))
            except Exception:
                with lock:
                    counts["failed"] += 1
                time.sleep(0.2)
                continue
            time.sleep(wait)
            message = f"Visitor {n} signature {i} ({uuid.uuid4().hex})"
            body = urllib.parse.urlencode({"__RequestVerificationToken": token, "FormTime": form_time, "Input.Name": f"Visitor {n}",
                                           "Input.Country": "", "Input.Message": message, "Input.Website": ""}).encode()
            with lock:
                counts["sent"] += 1
            try:
                opener.open(urllib.request.Request(base + "/guestbook", data=body), timeout=30)
                outcome = "refused"
            except urllib.error.HTTPError as e:
                location = e.headers.get("Location", "")
                outcome = "accepted" if e.code == 302 and location.startswith("/guestbook?thanks=") else "refused"
            except Exception:
                outcome = "failed"
            with lock:
                counts[outcome] += 1
                if outcome == "accepted":
                    out.write(message + "\n")
                    out.flush()

    threads = [threading.Thread(target=visitor, args=(n,), daemon=True) for n in range(signers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.close()
    print(f"signers: {signers} visitors, {counts['sent']} sent, {counts['accepted']} accepted, {counts['refused']} refused, {counts['failed']} failed (connection)")
    return 0


def verify(db, accepted_file):
    accepted = [line.rstrip("\n") for line in open(accepted_file, encoding="utf-8") if line.strip()]
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    stored = {}
    for (message,) in connection.execute("SELECT Message FROM GuestbookEntries"):
        stored[message] = stored.get(message, 0) + 1
    duplicates = sum(c - 1 for c in stored.values() if c > 1)
    lost = sum(1 for m in accepted if stored.get(m, 0) == 0)
    print(f"guestbook: {len(accepted)} accepted, {sum(stored.values())} stored, {duplicates} duplicates, {lost} lost")
    return 1 if duplicates or lost else 0


if __name__ == "__main__":
    if sys.argv[1] == "sign":
        sys.exit(sign(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], float(sys.argv[6]) if len(sys.argv) > 6 else 3.2))
    sys.exit(verify(sys.argv[2], sys.argv[3]))
