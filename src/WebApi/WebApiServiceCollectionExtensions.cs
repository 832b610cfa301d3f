using Microsoft.AspNetCore.Mvc;
using StateHub.WebApi.Dashboard;
using StateHub.WebApi.Infrastructure;
using StateHub.WebApi.Mcp;
using StateHub.WebApi.OpenApi;
using StateHub.WebApi.Security;
using StateHub.Application.Common.Security;
using StateHub.WebApi.Operations;

namespace StateHub.WebApi;

public static class WebApiServiceCollectionExtensions
{
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ExceptionProblemTranslator>();
        services.AddSingleton<Security.EarlyAccessFilter>();

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddHttpContextAccessor();
        // Stateless (it reads the current request through IHttpContextAccessor): a singleton, so that
        // the pooled DbContext can stamp the actor of whichever request saves.
        services.AddSingleton<ICurrentCaller, HttpCurrentCaller>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddSingleton<ApiKeyUseRecorder>();
        services.AddPerKeyRateLimiting(configuration);
        services.AddStateHubAuthorization();
        services.AddSingleton<IIdempotencyKeyScope, CallerIdempotencyKeyScope>();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Ahead of the default and MVC writers, which negotiate the Accept header (into an empty
        // body for application/xml): every problem is written the one way, by ProblemWriter.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();

        services
            .AddControllers(options =>
            {
                options.InputFormatters.RemoveType<Microsoft.AspNetCore.Mvc.Formatters.SystemTextJsonInputFormatter>();
                InvalidModelStateResponses.Configure(options.ModelBindingMessageProvider);
                // Ahead of MVC's simple-type binder, which knows only true/false and garbles an empty value.
                options.ModelBinderProviders.Insert(0, new BooleanModelBinderProvider());
                options.ModelBinderProviders.Insert(1, new IntegerModelBinderProvider());
                var queryProvider = options.ValueProviderFactories.OfType<Microsoft.AspNetCore.Mvc.ModelBinding.QueryStringValueProviderFactory>().Single();
                options.ValueProviderFactories[options.ValueProviderFactories.IndexOf(queryProvider)] = new LastValueQueryStringValueProviderFactory();
                options.ModelMetadataDetailsProviders.Add(new KeepEmptyStringMetadataProvider());
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                // Instances, not types: MVC caches reusable filters per action instead of building them per request.
                options.Filters.Add(new EntityTagResultFilter());
                options.Filters.Add(new UnknownQueryParametersFilter());
                options.Filters.Add(new ServiceFilterAttribute(typeof(Security.EarlyAccessFilter)) { IsReusable = true });
                // Nothing binds form fields: reading a form body that is not a form (a bracketed
                // key such as '[' or 'a[=1') would throw before any action ran. A form content type
                // on an operation with a JSON body is then a 415, and elsewhere the body is ignored.
                foreach (var form in options.ValueProviderFactories.Where(f => f is Microsoft.AspNetCore.Mvc.ModelBinding.FormValueProviderFactory
                    or Microsoft.AspNetCore.Mvc.ModelBinding.JQueryFormValueProviderFactory or Microsoft.AspNetCore.Mvc.ModelBinding.FormFileValueProviderFactory).ToList())
                    options.ValueProviderFactories.Remove(form);
            })
            .AddJsonOptions(options => JsonConventions.Apply(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options =>
            {
                options.InvalidModelStateResponseFactory = InvalidModelStateResponses.Create;
                // Bare client errors (415, 405) are left to the status-code-pages middleware, which
                // writes them as problem details with a detail, whatever the action declares it produces.
                options.SuppressMapClientErrors = true;
            });
        services.AddOptions<MvcOptions>().Configure<Microsoft.Extensions.Options.IOptions<JsonOptions>>((mvc, json) =>
            mvc.InputFormatters.Insert(0, new StrictJsonInputFormatter(json.Value.JsonSerializerOptions)));
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.AddDashboard();

        services.AddStateHubMcp(configuration);

        services.AddHostedService<StartupBanner>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        services.AddOpenApiDocument(OpenApiConventions.Configure);
        return services;
    }
}
