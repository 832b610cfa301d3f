using StateHub.WebApi.Mcp;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>The allow-list rule of the MCP Origin check, without a host.</summary>
public sealed class McpOriginMatchingTests
{
    [TestCase("http://localhost:6274", "http://localhost:*", true)]
    [TestCase("http://localhost", "http://localhost:*", true)]
    [TestCase("http://LOCALHOST:80", "http://localhost:*", true)]
    [TestCase("http://[::1]:3000", "http://[::1]:*", true)]
    [TestCase("https://agents.example.com", "https://agents.example.com", true)]
    [TestCase("https://agents.example.com:443", "https://agents.example.com", true)]
    [TestCase("https://agents.example.com:8443", "https://agents.example.com", false)]
    [TestCase("http://agents.example.com", "https://agents.example.com", false)]
    [TestCase("https://evil.agents.example.com", "https://agents.example.com", false)]
    [TestCase("http://localhost.evil.example", "http://localhost:*", false)]
    [TestCase("null", "http://localhost:*", false)]
    [TestCase("http://localhost:6274/path", "http://localhost:*", false)]
    [TestCase("http://user@localhost:6274", "http://localhost:*", false)]
    [TestCase("file:///etc/passwd", "http://localhost:*", false)]
    public void OriginMatches_OriginAgainstPattern_FollowsSchemeHostAndPort(string origin, string pattern, bool expected) =>
        Assert.That(McpOriginValidationMiddleware.OriginMatches(origin, pattern), Is.EqualTo(expected));

    [TestCase("https://agents.example.com", true)]
    [TestCase("http://localhost:*", true)]
    [TestCase("http://127.0.0.1:8000", true)]
    [TestCase("agents.example.com", false)]
    [TestCase("https://agents.example.com/mcp", false)]
    [TestCase("*", false)]
    public void IsValidPattern_Entry_AcceptsOnlyOrigins(string pattern, bool expected) =>
        Assert.That(McpOriginValidationMiddleware.IsValidPattern(pattern), Is.EqualTo(expected));
}
