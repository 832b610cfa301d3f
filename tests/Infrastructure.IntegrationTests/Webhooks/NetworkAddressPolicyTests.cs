using System.Net;
using StateHub.Infrastructure.Webhooks;

namespace StateHub.Infrastructure.IntegrationTests.Webhooks;

/// <summary>The SSRF address rules: which targets a webhook may never reach unless private networks are allowed.</summary>
public sealed class NetworkAddressPolicyTests
{
    [TestCase("127.0.0.1", "loopback")]
    [TestCase("127.255.0.9", "loopback")]
    [TestCase("10.0.0.1", "private")]
    [TestCase("172.16.0.1", "private")]
    [TestCase("172.31.255.255", "private")]
    [TestCase("192.168.1.1", "private")]
    [TestCase("169.254.169.254", "link-local")]
    [TestCase("100.64.0.1", "shared")]
    [TestCase("0.0.0.0", "unspecified")]
    [TestCase("224.0.0.1", "multicast")]
    [TestCase("239.255.255.250", "multicast")]
    [TestCase("255.255.255.255", "broadcast")]
    [TestCase("::1", "loopback")]
    [TestCase("::", "unspecified")]
    [TestCase("fe80::1", "link-local")]
    [TestCase("fc00::1", "unique local")]
    [TestCase("fd12:3456::1", "unique local")]
    [TestCase("ff02::1", "multicast")]
    [TestCase("::ffff:127.0.0.1", "loopback")]
    [TestCase("::ffff:10.1.2.3", "private")]
    [TestCase("::ffff:169.254.169.254", "link-local")]
    [TestCase("::127.0.0.1", "loopback")]
    [TestCase("64:ff9b::192.168.0.1", "private")]
    [TestCase("2002:c0a8:0101::1", "private")]
    public void Forbidden_NonPublicAddresses_Refused(string address, string reason) =>
        Assert.That(NetworkAddressPolicy.Forbidden(IPAddress.Parse(address)), Does.Contain(reason));

    [TestCase("8.8.8.8")]
    [TestCase("1.1.1.1")]
    [TestCase("172.15.255.255")]
    [TestCase("172.32.0.1")]
    [TestCase("100.63.255.255")]
    [TestCase("169.253.0.1")]
    [TestCase("192.169.0.1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("2001:4860:4860::8888")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::8.8.8.8")]
    public void Forbidden_PublicAddresses_Allowed(string address) =>
        Assert.That(NetworkAddressPolicy.Forbidden(IPAddress.Parse(address)), Is.Null);
}
