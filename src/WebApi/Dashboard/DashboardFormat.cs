using System.Globalization;
using StateHub.Domain.Common;
using StateHub.Domain.Doi;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Work;

namespace StateHub.WebApi.Dashboard;

/// <summary>How the dashboard words dates and enum values for a person.</summary>
public static class DashboardFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>A calendar day, e.g. "2 Dec 2026".</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", Culture);

    /// <summary>A month, e.g. "Dec 2026".</summary>
    public static string Month(DateOnly day) => day.ToString("MMM yyyy", Culture);

    /// <summary>The UTC calendar day of a moment, e.g. "2 Dec 2026".</summary>
    public static string Day(DateTimeOffset moment) => Day(DateOnly.FromDateTime(moment.UtcDateTime));

    /// <summary>A moment in full, e.g. "2 Dec 2026, 09:00 UTC" (shown as a tooltip next to relative times).</summary>
    public static string Moment(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", Culture);

    /// <summary>The machine-readable form for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Culture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", Culture);

    /// <summary>How long ago (or how far ahead) a moment is, e.g. "3 days ago", "in 2 hours", "just now".</summary>
    public static string Ago(DateTimeOffset moment, DateTimeOffset now)
    {
        var span = now - moment;
        var future = span < TimeSpan.Zero;
        var size = future ? span.Negate() : span;
        if (size < TimeSpan.FromMinutes(1))
            return "just now";

        string amount;
        if (size < TimeSpan.FromHours(1))
            amount = Count((int)size.TotalMinutes, "minute");
        else if (size < TimeSpan.FromDays(1))
            amount = Count((int)size.TotalHours, "hour");
        else if (size < TimeSpan.FromDays(2))
            return future ? "tomorrow" : "yesterday";
        else if (size < TimeSpan.FromDays(30))
            amount = Count((int)size.TotalDays, "day");
        else if (size < TimeSpan.FromDays(365))
            amount = Count((int)(size.TotalDays / 30), "month");
        else
            amount = Count((int)(size.TotalDays / 365), "year");
        return future ? $"in {amount}" : $"{amount} ago";
    }

    /// <summary>How far a planned day is from today, e.g. "today", "in 5 days", "3 days ago".</summary>
    public static string DaysFrom(DateOnly day, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = day.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "today",
            1 => "tomorrow",
            -1 => "yesterday",
            > 0 => $"in {days} days",
            _ => $"{-days} days ago",
        };
    }

    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>A tier is shown by its wire name ("core").</summary>
    public static string Label(DoiTier tier) => EnumWire.Name(tier);

    /// <summary>A change type is shown by its wire name ("breaking").</summary>
    public static string Label(ChangeType type) => EnumWire.Name(type);

    /// <summary>An affected repo's status with a change ("not affected").</summary>
    public static string Label(ConsumerStatus status) => EnumWire.Name(status).Replace('_', ' ');

    public static string Label(InterfaceType type) => type switch
    {
        InterfaceType.HttpApi => "HTTP API",
        InterfaceType.McpTool => "MCP tool",
        InterfaceType.Cli => "CLI",
        InterfaceType.Library => "library",
        InterfaceType.Schema => "schema",
        InterfaceType.Event => "event",
        InterfaceType.FileFormat => "file format",
        _ => type.ToString(),
    };

    public static string Label(WorkTaskStatus status) => status switch
    {
        WorkTaskStatus.Todo => "todo",
        WorkTaskStatus.InProgress => "in progress",
        WorkTaskStatus.Blocked => "blocked",
        WorkTaskStatus.Done => "done",
        WorkTaskStatus.Cancelled => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>A CSS class suffix for an enum value: its snake_case wire name with dashes ("http-api").</summary>
    public static string CssName<TEnum>(TEnum value)
        where TEnum : struct, Enum => EnumWire.Name(value).Replace('_', '-');
}
