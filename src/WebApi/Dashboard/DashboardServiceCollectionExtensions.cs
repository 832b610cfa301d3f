namespace StateHub.WebApi.Dashboard;

/// <summary>The maintainers' dashboard: server-rendered Razor Pages under <c>/dashboard</c>, over the API's own MediatR queries.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorPages(options => options.RootDirectory = "/Dashboard/Pages");
        return services;
    }
}
