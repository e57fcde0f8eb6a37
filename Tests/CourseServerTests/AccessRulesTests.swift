import Testing

@testable import CourseServer

/// The rules that keep `course serve` to the learner's own browser tab.
@Suite("Who the live course answers")
struct AccessRulesTests {
    let rules = AccessRules(token: "0123456789abcdef0123456789abcdef0123456789abcdef", port: 8750)
    var cookie: String { "\(rules.cookieName)=\(rules.token)" }

    func request(_ method: String, token: String? = nil, _ headers: [String: String]) -> AccessRules.Request {
        AccessRules.Request(method: method, queryToken: token, headers: headers)
    }

    func request(_ headers: [String: String]) -> AccessRules.Request { request("GET", headers) }

    func request(token: String, _ headers: [String: String]) -> AccessRules.Request { request("GET", token: token, headers) }

    func isRefused(_ decision: AccessRules.Decision, status: Int = 403) -> Bool {
        if case .refuse(let code, _) = decision { return code == status }
        return false
    }

    @Test("a request without the token is refused; the right token in the address is remembered in a cookie")
    func token() {
        #expect(isRefused(rules.decide(request(["Host": "127.0.0.1:8750"])), status: 401))
        #expect(rules.decide(request(token: rules.token, ["Host": "127.0.0.1:8750"])) == .rememberTokenAndRedirect)
        #expect(isRefused(rules.decide(request(token: "0123", ["Host": "127.0.0.1:8750"]))))
        #expect(isRefused(rules.decide(request(token: rules.token + "0", ["Host": "127.0.0.1:8750"]))))
        #expect(rules.decide(request(["Host": "127.0.0.1:8750", "Cookie": "other=1; " + cookie])) == .allow)
        #expect(isRefused(rules.decide(request(["Host": "127.0.0.1:8750", "Cookie": "\(rules.cookieName)=\(String(rules.token.dropLast()))x"]))))
        #expect(isRefused(rules.decide(request(["Host": "127.0.0.1:8750", "Cookie": "losslab-token-9999=\(rules.token)"])), status: 401),
                "another port's cookie does not count")
        #expect(rules.decide(request(["Host": "localhost:8750", "Authorization": "token \(rules.token)"])) == .allow)
        #expect(rules.tokenCookie.contains("HttpOnly") && rules.tokenCookie.contains("SameSite=Strict"))
    }

    @Test("only the loopback names with the server's port are answered (no DNS rebinding)")
    func hostNames() {
        for host in ["attacker.example:8750", "127.0.0.1.nip.io:8750", "127.0.0.1:8751", "127.0.0.1", "0.0.0.0:8750", "[::1]:8750"] {
            #expect(isRefused(rules.decide(request(["Host": host, "Cookie": cookie]))), "Host: \(host)")
        }
        #expect(isRefused(rules.decide(request(["Cookie": cookie]))), "no Host header")
        #expect(isRefused(rules.decide(request(token: rules.token, ["Host": "rebound.example:8750"]))), "even with the token")
        #expect(rules.decide(request(["Host": "LOCALHOST:8750", "Cookie": cookie])) == .allow)
    }

    @Test("a foreign Origin is refused; requests that change something and WebSocket upgrades must name the server's own")
    func origins() {
        let base = ["Host": "127.0.0.1:8750", "Cookie": cookie]
        for origin in ["http://attacker.example", "http://127.0.0.1:3000", "null", "https://127.0.0.1:8750", "http://localhost.attacker.example:8750"] {
            #expect(isRefused(rules.decide(request(base.merging(["Origin": origin]) { $1 }))), "Origin: \(origin)")
            #expect(isRefused(rules.decide(request("POST", base.merging(["Origin": origin]) { $1 }))), "POST from \(origin)")
        }
        #expect(rules.decide(request("POST", base.merging(["Origin": "http://localhost:8750"]) { $1 })) == .allow)
        #expect(isRefused(rules.decide(request("POST", base))), "a POST without Origin")
        #expect(rules.decide(request(base)) == .allow, "a GET without Origin (typed address, curl)")
    }

    @Test("WebSocket upgrades need the token and the server's own origin")
    func webSocketUpgrades() {
        let upgrade = ["Host": "127.0.0.1:8750", "Upgrade": "websocket", "Connection": "Upgrade"]
        #expect(isRefused(rules.decide(request(upgrade.merging(["Origin": "http://127.0.0.1:8750"]) { $1 })), status: 401))
        #expect(isRefused(rules.decide(request(upgrade.merging(["Cookie": cookie]) { $1 }))), "no Origin")
        #expect(isRefused(rules.decide(request(upgrade.merging(["Cookie": cookie, "Origin": "http://attacker.example"]) { $1 }))))
        #expect(isRefused(rules.decide(request(upgrade.merging(["Cookie": cookie, "Origin": "http://127.0.0.1:8750", "Host": "attacker.example:8750"]) { $1 }))))
        #expect(rules.decide(request(upgrade.merging(["Cookie": cookie, "Origin": "http://127.0.0.1:8750"]) { $1 })) == .allow)
        #expect(rules.decide(request(token: rules.token, upgrade.merging(["Origin": "http://127.0.0.1:8750"]) { $1 })) == .allow,
                "an upgrade with the token in its address is answered, not redirected")
    }

    @Test("requests another site (or another port of this machine) started are refused")
    func fetchSites() {
        let base = ["Host": "127.0.0.1:8750", "Cookie": cookie]
        #expect(isRefused(rules.decide(request(base.merging(["Sec-Fetch-Site": "cross-site"]) { $1 }))))
        #expect(isRefused(rules.decide(request(base.merging(["Sec-Fetch-Site": "same-site"]) { $1 }))))
        #expect(rules.decide(request(base.merging(["Sec-Fetch-Site": "same-origin"]) { $1 })) == .allow)
        #expect(rules.decide(request(base.merging(["Sec-Fetch-Site": "none"]) { $1 })) == .allow)
    }

    @Test("tokens are 48 random hex digits, and comparing looks at the whole secret")
    func tokens() {
        let first = AccessRules.makeToken()
        let second = AccessRules.makeToken()
        #expect(first.count == 48 && first.allSatisfy(\.isHexDigit))
        #expect(first != second)
        #expect(AccessRules.sameSecret(first, first))
        #expect(!AccessRules.sameSecret(String(first.prefix(47)), first))
        #expect(!AccessRules.sameSecret("", first))
        #expect(!AccessRules.sameSecret(first + "a", first))
    }
}
