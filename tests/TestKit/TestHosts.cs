namespace StateHub.TestKit;

/// <summary>
/// One in-memory host per configuration and lane for the whole run: a fixture asks for a host with
/// its settings and gets the one already running on its lane (<see cref="TestLanes"/>) with the same
/// settings, if any. Every test starts from an empty database and a reset clock
/// (<see cref="StateHubApiFactory.ResetForTest"/>), so sharing is invisible to tests; hosts are
/// disposed at the end of the run (<see cref="DisposeAllAsync"/>).
/// A host that runs webhook deliveries in the background is never shared: it would keep
/// delivering other tests' events after its fixture ended, so it lives for its fixture only.
/// </summary>
public static class TestHosts
{
    /// <summary>
    /// The run's host configured like <paramref name="candidate"/> on the candidate's lane: the
    /// candidate itself the first time (it starts on first use), else the host that already has the
    /// same settings (the candidate, never started, is dropped).
    /// </summary>
    public static StateHubApiFactory Share(StateHubApiFactory candidate)
    {
        if (RunsBackgroundDeliveries(candidate.Settings))
            return candidate;
        var key = KeyOf(candidate.Settings);
        var hosts = candidate.Lane.Hosts;
        lock (hosts)
        {
            if (hosts.TryGetValue(key, out var running))
            {
                candidate.Dispose();
                return running;
            }

            hosts[key] = candidate;
            return candidate;
        }
    }

    /// <summary>Whether <paramref name="lane"/> already runs a shared host with these settings.</summary>
    public static bool Runs(TestLane lane, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(lane);
        var key = KeyOf(settings);
        lock (lane.Hosts)
            return lane.Hosts.ContainsKey(key);
    }

    /// <summary>The run's host with these settings on the current fixture's lane (see <see cref="Share"/>).</summary>
    public static StateHubApiFactory Get(IReadOnlyDictionary<string, string?>? settings = null) =>
        Share(new StateHubApiFactory(settings));

    /// <summary>Ends a fixture's use of its host: disposes it unless the run shares it.</summary>
    public static async Task ReleaseAsync(StateHubApiFactory host)
    {
        var hosts = host.Lane.Hosts;
        lock (hosts)
        {
            if (hosts.ContainsValue(host))
                return;
        }

        await host.DisposeAsync();
    }

    /// <summary>
    /// Prepares every shared host of the test's lane for the next test, not only the test's own: an
    /// idle host's background services (claim sweep, key purge) judge time by their host's clock,
    /// so a clock a previous test moved on must not expire the current test's claims. Hosts of other
    /// lanes serve other fixtures' databases and are theirs to reset.
    /// </summary>
    public static void ResetForTest(StateHubApiFactory host)
    {
        List<StateHubApiFactory> hosts;
        lock (host.Lane.Hosts)
            hosts = [.. host.Lane.Hosts.Values];
        foreach (var shared in hosts)
            shared.ResetForTest();
        if (!hosts.Contains(host))
            host.ResetForTest();
    }

    public static async Task DisposeAllAsync()
    {
        var hosts = new List<StateHubApiFactory>();
        var lanes = TestLanes.Snapshot();
        foreach (var lane in lanes)
        {
            lock (lane.Hosts)
            {
                hosts.AddRange(lane.Hosts.Values);
                lane.Hosts.Clear();
            }
        }

        foreach (var host in hosts)
            await host.DisposeAsync();
        TestContext.Progress.WriteLine($"In-memory hosts started in this run: {StateHubApiFactory.HostStarts} ({hosts.Count} shared, on {lanes.Count} lane(s)).");
    }

    private static bool RunsBackgroundDeliveries(IReadOnlyDictionary<string, string?> settings) =>
        settings.Any(s => string.Equals(s.Key, "Webhooks:WorkerEnabled", StringComparison.OrdinalIgnoreCase)
                          && string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase));

    private static string KeyOf(IReadOnlyDictionary<string, string?> settings) =>
        string.Join('\n', settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => $"{s.Key.ToUpperInvariant()}={s.Value}"));
}
