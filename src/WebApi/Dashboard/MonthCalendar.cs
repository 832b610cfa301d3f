using System.Globalization;

namespace StateHub.WebApi.Dashboard;

/// <summary>A month laid out in weeks from Monday to Sunday, with the items that fall on each day.</summary>
public sealed class MonthCalendar<T>
{
    private MonthCalendar(DateOnly firstDay, IReadOnlyList<IReadOnlyList<CalendarDay<T>>> weeks)
    {
        FirstDay = firstDay;
        Weeks = weeks;
    }

    public DateOnly FirstDay { get; }

    public IReadOnlyList<IReadOnlyList<CalendarDay<T>>> Weeks { get; }

    /// <summary>e.g. "December 2026".</summary>
    public string Title => FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The month as a query value, e.g. "2026-12".</summary>
    public string Key => MonthKey(FirstDay);

    /// <summary>The month before, or null before January of year 1 (the first month a date can name).</summary>
    public DateOnly? Previous => FirstDay.Year == 1 && FirstDay.Month == 1 ? null : FirstDay.AddMonths(-1);

    /// <summary>The month after, or null after December 9999 (the last month a date can name).</summary>
    public DateOnly? Next => FirstDay.Year == 9999 && FirstDay.Month == 12 ? null : FirstDay.AddMonths(1);

    public string? PreviousKey => Previous is { } previous ? MonthKey(previous) : null;

    public string? NextKey => Next is { } next ? MonthKey(next) : null;

    public int ItemCount => Weeks.SelectMany(w => w).Where(d => d.InMonth).Sum(d => d.Items.Count);

    public static string MonthKey(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Reads "yyyy-MM"; null when the text is missing or not a month.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static MonthCalendar<T> Build(DateOnly anyDayOfMonth, DateOnly today, IEnumerable<T> items, Func<T, DateOnly?> dayOf)
    {
        var first = new DateOnly(anyDayOfMonth.Year, anyDayOfMonth.Month, 1);
        var byDay = items
            .Select(item => (Item: item, Day: dayOf(item)))
            .Where(x => x.Day is not null)
            .ToLookup(x => x.Day!.Value, x => x.Item);

        // Monday = 0 … Sunday = 6. Counted in day numbers, so the first and last months a date can
        // name (January of year 1, December 9999) lay out too: their weeks stop at the calendar's ends.
        var start = Math.Max(DateOnly.MinValue.DayNumber, first.DayNumber - (((int)first.DayOfWeek + 6) % 7));
        var last = first.Year == 9999 && first.Month == 12 ? DateOnly.MaxValue.DayNumber : first.AddMonths(1).DayNumber - 1;
        var weeks = new List<IReadOnlyList<CalendarDay<T>>>();
        for (var weekStart = start; weekStart <= last; weekStart += 7)
        {
            weeks.Add(Enumerable.Range(weekStart, 7)
                .Where(number => number <= DateOnly.MaxValue.DayNumber)
                .Select(DateOnly.FromDayNumber)
                .Select(day => new CalendarDay<T>(day, day.Month == first.Month && day.Year == first.Year, day == today, byDay[day].ToList()))
                .ToList());
        }

        return new MonthCalendar<T>(first, weeks);
    }
}

public sealed record CalendarDay<T>(DateOnly Date, bool InMonth, bool IsToday, IReadOnlyList<T> Items);
