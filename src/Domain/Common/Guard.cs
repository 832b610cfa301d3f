namespace StateHub.Domain.Common;

internal static class Guard
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainValidationException(field, $"'{field}' must not be empty.");
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
            throw new DomainValidationException(field, $"'{field}' must be at most {maxLength} characters.");
        return trimmed;
    }

    public static string? Optional(string? value, string field, int maxLength)
    {
        if (value is null)
            return null;
        if (value.Length > maxLength)
            throw new DomainValidationException(field, $"'{field}' must be at most {maxLength} characters.");
        return value;
    }

    public static int Priority(int value, string field = "priority")
    {
        if (value is < PriorityRange.Min or > PriorityRange.Max)
            throw new DomainValidationException(field, $"'{field}' must be between {PriorityRange.Min} (most urgent) and {PriorityRange.Max}.");
        return value;
    }
}
