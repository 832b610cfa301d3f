using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Application.Common.Behaviours;
using StateHub.Application.Common.Security;
using StateHub.Application.Common.Events;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Serialization;
using StateHub.Application.Doi;
using StateHub.Application.Workplans;

namespace StateHub.Application;

public static class DependencyInjection
{
    /// <summary>Registers MediatR 5 (handlers found by scanning), the pipeline in order, validators and mappings.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var assembly = Assembly.GetExecutingAssembly();

        // The mediator and the behaviours hold no state, so they are transient: a scope caches every
        // scoped service it resolves, and a read would otherwise fill (and grow) that cache with a
        // dozen pipeline objects per request. The factory is handed the request's scope either way.
        services.AddTransient<ServiceFactory>(provider => provider.GetService!);
        services.AddTransient<IMediator, Mediator>();
        services.Scan(scan => scan
            .FromAssemblies(assembly)
            .AddClasses(classes => classes.AssignableToAny(typeof(IRequestHandler<,>), typeof(ICommandHandler<,>), typeof(IDomainEventHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        // Every command's MediatR handler: runs its ICommandHandler, saves once, then builds the answer.
        services.AddScoped(typeof(IRequestHandler<,>), typeof(CommandHandlerAdapter<,>));
        services.AddScoped<IDomainEventDispatcher, DomainEventDispatcher>();

        // MediatR 5 runs behaviours in registration order, the first outermost.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        // Access is decided before validation and before any handler looks anything up (§10).
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));

        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : NamingConventions.ToSnakeCase(member.Name);
        services.AddValidatorsFromAssembly(assembly, includeInternalTypes: true);

        services.AddAutoMapper(cfg =>
        {
            // AutoMapper 15+ is dual-licensed; without a key it logs a licence warning and works.
            var licenseKey = configuration["AutoMapper:LicenseKey"];
            if (!string.IsNullOrWhiteSpace(licenseKey))
                cfg.LicenseKey = licenseKey;
        }, assembly);

        services.AddOptions<PerformanceOptions>().Bind(configuration.GetSection(PerformanceOptions.SectionName));

        services.AddScoped<Tasks.TaskViews>();

        services.AddSingleton<IWorkplanConsistencyEngine, WorkplanConsistencyEngine>();
        services.AddScoped<IWorkplanSourceReader, WorkplanSourceReader>();

        services.AddOptions<DoiOptions>().Bind(configuration.GetSection(DoiOptions.SectionName));
        services.AddSingleton<DoiDiskInspector>();
        services.AddScoped<DoiWorkplanCheck>();
        services.AddScoped<DoiCacheRecorder>();
        return services;
    }
}
