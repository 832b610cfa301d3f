namespace StateHub.TestKit;

/// <summary>
/// One in-memory host per configuration for the whole run: a fixture asks for a host with its
/// settings and gets the one already running with the same settings, if any. Every test starts
/// from an empty database and a reset clock (<see cref="StateHubApiFactory.ResetForTest"/>), so
/// sharing is invisible to tests; hosts are disposed at the end of the run (<see cref="DisposeAllAsync"/>).
/// </summary>
public static class TestHosts
{
    private static readonly Dictionary<string, StateHubApiFactory> Hosts = new(StringComparer.Ordinal);

    /// <summary>
    /// The run's host configured like <paramref name="candidate"/>: the candidate itself the first
    /// time (it starts on first use), else the host that already has the same settings (the
    /// candidate, never started, is dropped).
    /// </summary>
    public static StateHubApiFactory Share(StateHubApiFactory candidate)
    {
        var key = KeyOf(candidate.Settings);
        lock (Hosts)
        {
            if (Hosts.TryGetValue(key, out var running))
            {
                candidate.Dispose();
                return running;
            }

            Hosts[key] = candidate;
            return candidate;
        }
    }

    /// <summary>The run's host with these settings (see <see cref="Share"/>).</summary>
    public static StateHubApiFactory Get(IReadOnlyDictionary<string, string?>? settings = null) =>
        Share(new StateHubApiFactory(settings));

    public static async Task DisposeAllAsync()
    {
        List<StateHubApiFactory> hosts;
        lock (Hosts)
        {
            hosts = [.. Hosts.Values];
            Hosts.Clear();
        }

        foreach (var host in hosts)
            await host.DisposeAsync();
        TestContext.Progress.WriteLine($"In-memory hosts started in this run: {StateHubApiFactory.HostStarts} ({hosts.Count} shared).");
    }

    private static string KeyOf(IReadOnlyDictionary<string, string?> settings) =>
        string.Join('\n', settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => $"{s.Key.ToUpperInvariant()}={s.Value}"));
}
