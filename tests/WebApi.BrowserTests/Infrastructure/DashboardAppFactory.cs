namespace StateHub.WebApi.BrowserTests.Infrastructure;

/// <summary>The test kit's host (<see cref="StateHubApiFactory"/>) served on a real loopback Kestrel port: a browser needs a socket.</summary>
/// <remarks>Anonymous access is allowed (no sign-in needed) unless <paramref name="settings"/> says otherwise.</remarks>
public sealed class DashboardAppFactory(IReadOnlyDictionary<string, string?>? settings = null) : StateHubApiFactory(settings)
{
    public DashboardAppFactory()
        : this(null)
    {
    }

    /// <summary>A factory with these settings (it listens on a loopback port once started).</summary>
    public static DashboardAppFactory WithSettings(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>Starts the app on a free loopback port; <see cref="StateHubApiFactory.BaseAddress"/> is then its address.</summary>
    public void Start() => StartOnLoopback();
}
