using System.Reflection;
using MediatR;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Common;
using StateHub.Infrastructure.Persistence;
using StateHub.WebApi.Controllers;

namespace StateHub.Architecture.Tests;

/// <summary>
/// The layering the house style promises, checked on the compiled assemblies: Domain references
/// nothing, Application no EF Core or Infrastructure, controllers no Infrastructure, and only the
/// pipeline saves.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Entity).Assembly;
    private static readonly Assembly Application = typeof(IUnitOfWork).Assembly;
    private static readonly Assembly Infrastructure = typeof(StateHubDbContext).Assembly;
    private static readonly Assembly WebApi = typeof(ApiControllerBase).Assembly;

    /// <summary>The one type allowed to save: the pipeline's adapter around every command handler.</summary>
    private const string PipelineSaver = "StateHub.Application.Common.Messaging.CommandHandlerAdapter`2";

    [Test]
    public void Domain_ReferencesOnlyTheFramework()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references.Where(n => !IsFramework(n)), Is.Empty, "Domain may reference only the .NET framework: " + string.Join(", ", references));
    }

    [Test]
    public void Domain_DependsOnNoOtherLayerOrLibrary()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("StateHub.Application", "StateHub.Infrastructure", "StateHub.WebApi",
                "Microsoft.EntityFrameworkCore", "MediatR", "FluentValidation", "AutoMapper", "Npgsql")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Application_DependsOnNoEfCoreProviderInfrastructureOrWebApi()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Npgsql", "StateHub.Infrastructure", "StateHub.WebApi", "Microsoft.AspNetCore")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Application_ReferencesNoEfCoreOrInfrastructureAssembly()
    {
        var references = Application.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references.Where(n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || n.StartsWith("Npgsql", StringComparison.Ordinal) || n is "StateHub.Infrastructure" or "StateHub.WebApi"), Is.Empty);
    }

    [Test]
    public void Controllers_DependOnNoInfrastructureOrEfCore()
    {
        var result = Types.InAssembly(WebApi).That().ResideInNamespace("StateHub.WebApi.Controllers")
            .ShouldNot().HaveDependencyOnAny("StateHub.Infrastructure", "Microsoft.EntityFrameworkCore", "Npgsql")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Handlers_NeverSave_OnlyThePipelineDoes()
    {
        var module = ModuleDefinition.ReadModule(Application.Location);
        const string pipeline = PipelineSaver;
        var callers = module.GetTypes()
            .Where(t => TopLevel(t).FullName != pipeline)
            .SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (Type: t, Method: m)))
            .Where(x => x.Method.Body.Instructions.Any(i =>
                (i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt) && i.Operand is MethodReference called
                && called.Name.StartsWith("SaveChanges", StringComparison.Ordinal)))
            .Select(x => $"{TopLevel(x.Type).FullName}.{x.Method.Name}")
            .Distinct()
            .ToList();

        Assert.That(callers, Is.Empty, "Only the pipeline's CommandHandlerAdapter may save; handlers return and let it.");
    }

    [Test]
    public void CommandHandlers_AreICommandHandlers_SoThePipelineSavesBeforeTheAnswerIsBuilt()
    {
        var plainHandlersOfCommands = Application.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.FullName != PipelineSaver)
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
                    && typeof(ICommandMarker).IsAssignableFrom(i.GetGenericArguments()[0]))
                .Select(_ => t.FullName))
            .ToList();

        Assert.That(plainHandlersOfCommands, Is.Empty);
    }

    private static TypeDefinition TopLevel(TypeDefinition type) => type.DeclaringType is null ? type : TopLevel(type.DeclaringType);

    private static bool IsFramework(string name) =>
        name is "netstandard" or "mscorlib" || name.StartsWith("System", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
