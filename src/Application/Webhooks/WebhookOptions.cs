using System.Globalization;

namespace StateHub.Application.Webhooks;

/// <summary>Configuration section <c>Webhooks</c> (environment: <c>Webhooks__Timeout</c> and so on).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    public const string DefaultRetrySchedule = "0s,5s,5m,30m,2h,5h,10h,10h";

    /// <summary>A delivery succeeds with a 2xx within this time.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Entry k is the delay before attempt k; its length is the number of attempts.</summary>
    public string RetrySchedule { get; set; } = DefaultRetrySchedule;

    /// <summary>How long a worker holds a leased delivery before another node may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A subscription whose deliveries all failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Lets targets resolve to loopback, private and link-local addresses (tests, closed networks).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How often an idle worker looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many deliveries a worker leases at once.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>How many deliveries a worker sends at the same time.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Turns the delivery worker of this node off (deliveries stay queued for other nodes).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>The parsed <see cref="RetrySchedule"/>.</summary>
    public IReadOnlyList<TimeSpan> ParsedRetrySchedule() => ParseSchedule(RetrySchedule);

    /// <summary>Parses <c>0s,5s,5m,30m,2h</c> (units ms, s, m, h, d; or a TimeSpan such as 00:05:00).</summary>
    public static IReadOnlyList<TimeSpan> ParseSchedule(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
            schedule = DefaultRetrySchedule;
        var delays = new List<TimeSpan>();
        foreach (var raw in schedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            delays.Add(ParseDelay(raw));
        if (delays.Count == 0)
            throw new FormatException($"Webhooks:RetrySchedule '{schedule}' lists no delay.");
        return delays;
    }

    /// <summary>
    /// Reads the section by hand so that durations may be written as <c>15s</c>, <c>5d</c>,
    /// <c>00:00:15</c> or a number of seconds; a malformed value stops the start with its name.
    /// </summary>
    public void ReadFrom(Microsoft.Extensions.Configuration.IConfiguration section)
    {
        static TimeSpan? Duration(string? value, string key) =>
            string.IsNullOrWhiteSpace(value) ? null : Wrap(() => ParseDelay(value.Trim()), key, value);
        static T Wrap<T>(Func<T> parse, string key, string value)
        {
            try
            {
                return parse();
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"Webhooks:{key} '{value}' is invalid: {ex.Message}", ex);
            }
        }

        Timeout = Duration(section[nameof(Timeout)], nameof(Timeout)) ?? Timeout;
        LeaseDuration = Duration(section[nameof(LeaseDuration)], nameof(LeaseDuration)) ?? LeaseDuration;
        DisableAfter = Duration(section[nameof(DisableAfter)], nameof(DisableAfter)) ?? DisableAfter;
        PollInterval = Duration(section[nameof(PollInterval)], nameof(PollInterval)) ?? PollInterval;
        if (section[nameof(RetrySchedule)] is { Length: > 0 } schedule)
        {
            Wrap(() => ParseSchedule(schedule), nameof(RetrySchedule), schedule);
            RetrySchedule = schedule;
        }

        if (bool.TryParse(section[nameof(AllowPrivateNetworks)], out var allow))
            AllowPrivateNetworks = allow;
        if (bool.TryParse(section[nameof(WorkerEnabled)], out var worker))
            WorkerEnabled = worker;
        if (int.TryParse(section[nameof(BatchSize)], NumberStyles.Integer, CultureInfo.InvariantCulture, out var batch) && batch > 0)
            BatchSize = batch;
        if (int.TryParse(section[nameof(MaxConcurrency)], NumberStyles.Integer, CultureInfo.InvariantCulture, out var concurrency) && concurrency > 0)
            MaxConcurrency = concurrency;
    }

    private static TimeSpan ParseDelay(string raw)
    {
        static double Number(string s, string whole) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n
                : throw new FormatException($"'{whole}' is not a delay such as 5s, 5m or 2h.");

        if (raw.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
            return TimeSpan.FromMilliseconds(Number(raw[..^2], raw));
        if (raw.Length > 1 && char.IsLetter(raw[^1]))
        {
            var n = Number(raw[..^1], raw);
            return char.ToLowerInvariant(raw[^1]) switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => throw new FormatException($"'{raw}' has an unknown unit; use ms, s, m, h or d."),
            };
        }

        // A bare number is seconds. TimeSpan would read "2" as two days, so it only gets values
        // written as a TimeSpan (00:00:15, 1.00:00:00).
        if (!raw.Contains(':'))
            return TimeSpan.FromSeconds(Number(raw, raw));
        if (TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
            return span;
        throw new FormatException($"'{raw}' is not a delay such as 5s, 5m, 2h or 00:05:00.");
    }
}
