using Microsoft.Extensions.Configuration;
using StateHub.Application.Webhooks;

namespace StateHub.Application.UnitTests.Webhooks;

/// <summary>How the <c>Webhooks</c> section's durations and retry schedule are read (§11).</summary>
public sealed class WebhookOptionsTests
{
    [TestCase("2", 2)]
    [TestCase("0.5", 0.5)]
    [TestCase("15s", 15)]
    [TestCase("1500ms", 1.5)]
    [TestCase("5m", 300)]
    [TestCase("2h", 7200)]
    [TestCase("1d", 86400)]
    [TestCase("00:00:15", 15)]
    [TestCase("1.00:00:00", 86400)]
    public void Durations_BareNumbersAreSeconds_UnitsAndTimeSpansAsWritten(string value, double seconds)
    {
        var options = Read(("Timeout", value), ("LeaseDuration", value));

        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
        Assert.That(options.LeaseDuration, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void RetrySchedule_BareNumbersAreSeconds()
    {
        Assert.That(WebhookOptions.ParseSchedule("0,1,2.5,5s,00:01:00"),
            Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1) }));
    }

    [TestCase("soon")]
    [TestCase("-5")]
    [TestCase("5x")]
    [TestCase("1:xx")]
    public void Durations_Malformed_StopTheStartNamingTheSetting(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(("LeaseDuration", value)));
        Assert.That(ex!.Message, Does.StartWith($"Webhooks:LeaseDuration '{value}' is invalid"));
    }

    private static WebhookOptions Read(params (string Key, string Value)[] settings)
    {
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var options = new WebhookOptions();
        options.ReadFrom(section);
        return options;
    }
}
