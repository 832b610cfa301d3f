using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Platform;

/// <summary>The words a boolean query value may be, as pydantic reads them in the Python service.</summary>
public sealed class BooleanModelBinderTests
{
    [TestCase("true", true)]
    [TestCase("True", true)]
    [TestCase("TRUE", true)]
    [TestCase("1", true)]
    [TestCase("yes", true)]
    [TestCase("YeS", true)]
    [TestCase("on", true)]
    [TestCase("t", true)]
    [TestCase("Y", true)]
    [TestCase("false", false)]
    [TestCase("FALSE", false)]
    [TestCase("0", false)]
    [TestCase("no", false)]
    [TestCase("Off", false)]
    [TestCase("F", false)]
    [TestCase("n", false)]
    public void TryParse_AcceptedWord_ReadsIt(string text, bool expected)
    {
        Assert.That(BooleanModelBinder.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase(" true")]
    [TestCase("true ")]
    [TestCase("2")]
    [TestCase("-1")]
    [TestCase("yep")]
    [TestCase("tru")]
    [TestCase("null")]
    [TestCase(null)]
    public void TryParse_AnythingElse_IsRefused(string? text)
    {
        Assert.That(BooleanModelBinder.TryParse(text, out _), Is.False);
    }
}
