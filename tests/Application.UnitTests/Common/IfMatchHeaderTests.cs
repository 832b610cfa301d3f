using StateHub.Application.Common.Concurrency;

namespace StateHub.Application.UnitTests.Common;

public sealed class IfMatchHeaderTests
{
    [TestCase("*")]
    [TestCase("  *\t")]
    public void Parse_Star_MatchesAnything(string value)
    {
        var header = IfMatchHeader.Parse(value);

        Assert.That(header!.IsAny, Is.True);
        Assert.That(header.Matches("\"42\""), Is.True);
    }

    [TestCase("\"42\"")]
    [TestCase("\"1\", \"42\"")]
    [TestCase("\"1\",\"42\" ,")]
    [TestCase(" , \"a,b\" ,\t\"42\"")]
    [TestCase("W/\"42\", \"42\"")]
    public void Parse_ListWithTheTag_Matches(string value)
    {
        Assert.That(IfMatchHeader.Parse(value)!.Matches("\"42\""), Is.True);
    }

    [TestCase("\"41\"")]
    [TestCase("W/\"42\"")]
    [TestCase("\"4\", \"2\"")]
    [TestCase("\"*\"")]
    public void Parse_ListWithoutTheStrongTag_DoesNotMatch(string value)
    {
        Assert.That(IfMatchHeader.Parse(value)!.Matches("\"42\""), Is.False);
    }

    [TestCase("")]
    [TestCase("42")]
    [TestCase("\"42")]
    [TestCase("\"42\" \"43\"")]
    [TestCase("\"42\"x")]
    [TestCase("W/42")]
    [TestCase("w/\"42\"")]
    [TestCase("\"4 2\"")]
    [TestCase("*, \"42\"")]
    public void Parse_Malformed_IsNull(string value)
    {
        Assert.That(IfMatchHeader.Parse(value), Is.Null);
    }
}
