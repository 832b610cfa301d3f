using System.Text.Json;
using StateHub.Application.Common.Serialization;

namespace StateHub.Application.UnitTests.Common;

public sealed class StoredJsonTests
{
    // What PostgreSQL 15 prints for each number once it is stored in a jsonb column.
    [TestCase("0", "0")]
    [TestCase("-0.0", "0.0")]
    [TestCase("0e20000", "0")]
    [TestCase("42", "42")]
    [TestCase("-42", "-42")]
    [TestCase("1E+2", "100")]
    [TestCase("1.000e2", "100.0")]
    [TestCase("1.50e1", "15.0")]
    [TestCase("100e-2", "1.00")]
    [TestCase("0.00100", "0.00100")]
    [TestCase("-1e-3", "-0.001")]
    [TestCase("123456789012345678901234567890e-40", "0.0000000000123456789012345678901234567890")]
    public void PrintedNumberLength_IsTheLengthPostgresPrints(string number, string printed)
    {
        Assert.That(StoredJson.PrintedNumberLength(number), Is.EqualTo(printed.Length));
    }

    [TestCase("1e131071", 131072)]
    [TestCase("1e-16383", 16385)]
    [TestCase("0e-20000", 20002)]
    [TestCase("1e99999999999999999999999", 1_000_000_000_001)]
    public void PrintedNumberLength_OfAHugeExponent_CountsEveryDigit(string number, long length)
    {
        Assert.That(StoredJson.PrintedNumberLength(number), Is.EqualTo(length));
    }

    [Test]
    public void Utf8Length_CountsNumbersWrittenOutInFull()
    {
        using var document = JsonDocument.Parse("""{"a":1e5,"b":[1.5e-2]}""");

        // {"a":100000,"b":[0.015]}
        Assert.That(StoredJson.Utf8Length(document.RootElement), Is.EqualTo(24));
    }

    [Test]
    public void FindTooLongNumber_NamesThePathOfTheFirstOne()
    {
        using var document = JsonDocument.Parse("""{"ok":1e999,"runs":[{"t":1},{"t":1e1000}],"later":1e5000}""");

        var found = StoredJson.FindTooLongNumber(document.RootElement, "data");

        Assert.That(found, Is.EqualTo(("data.runs[1].t", 1001L)));
    }

    [Test]
    public void FindTooLongNumber_WithNumbersWithinTheLimit_IsNull()
    {
        using var document = JsonDocument.Parse("""{"a":1e999,"b":-1e-997,"c":"1e100000"}""");

        Assert.That(StoredJson.FindTooLongNumber(document.RootElement, "data"), Is.Null);
    }
}
