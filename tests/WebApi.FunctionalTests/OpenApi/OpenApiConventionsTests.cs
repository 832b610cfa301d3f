using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// The document conventions (src/WebApi/OpenApi) applied to a probe controller that only this
/// fixture's host serves: new endpoints get operation ids, summaries, problem responses,
/// required properties, formats, string enums and examples without doing anything for them.
/// </summary>
public sealed class OpenApiConventionsTests : FunctionalTestBase
{
    private JsonNode _document = null!;

    private JsonNode Schemas => _document["components"]!["schemas"]!;

    private JsonNode Create => _document["paths"]!["/probe/{probe_id}"]!["post"]!;

    [OneTimeSetUp]
    public async Task ServeProbe()
    {
        await using var probeHost = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddControllers().AddApplicationPart(typeof(ProbeController).Assembly);
            services.AddScoped<IValidator<ProbeCommand>, ProbeCommandValidator>();
        }));
        using var client = probeHost.CreateClient();
        _document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
    }

    [Test]
    public void Operation_HasControllerActionIdAndXmlSummary()
    {
        Assert.That(Create["operationId"]!.GetValue<string>(), Is.EqualTo("Probe_CreateProbe"));
        Assert.That(Create["summary"]!.GetValue<string>(), Is.EqualTo("Create a probe."));
    }

    [Test]
    public void ActionWithoutXmlDocs_GetsSummaryFromItsName()
    {
        var remove = _document["paths"]!["/probe/{slug}"]!["delete"]!;

        Assert.That(remove["summary"]!.GetValue<string>(), Is.EqualTo("Remove probe."));
        Assert.That(remove["responses"]!["204"]!["description"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public void BodyAndTypedParameters_DocumentEveryProblemAsProblemJson()
    {
        var responses = Create["responses"]!.AsObject();

        // 409: a POST takes Idempotency-Key, whose first request may still be running.
        Assert.That(responses.Select(r => r.Key), Is.EquivalentTo(new[] { "201", "400", "401", "403", "409", "415", "422", "429", "500", "503" }));
        foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
        {
            var content = response!["content"]!.AsObject();
            Assert.That(content.Select(c => c.Key), Is.EqualTo(new[] { "application/problem+json" }), status);
            var expected = status == "422" ? "#/components/schemas/ValidationProblemDetails" : "#/components/schemas/ProblemDetails";
            Assert.That(content["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>(), Is.EqualTo(expected), status);
            Assert.That(response["description"]!.GetValue<string>(), Is.Not.Empty, status);
        }
    }

    [Test]
    public void Ids_AreUuidsAndDatesAreDates()
    {
        var idParameter = Create["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "probe_id")!;
        var command = Schemas["ProbeRequest"]!["properties"]!;

        Assert.That(idParameter["schema"]!["format"]!.GetValue<string>(), Is.EqualTo("uuid"));
        Assert.That(command["parent_id"]!["format"]!.GetValue<string>(), Is.EqualTo("uuid"));
        Assert.That(command["parent_id"]!["nullable"]!.GetValue<bool>(), Is.True);
        Assert.That(command["due_on"]!["format"]!.GetValue<string>(), Is.EqualTo("date"));
        Assert.That(Schemas["ProbeDto"]!["properties"]!["id"]!["format"]!.GetValue<string>(), Is.EqualTo("uuid"));
    }

    [Test]
    public void QueryParameters_BooleansStayBoolean_AndOnlyNonNullableReferencesAreRequired()
    {
        var parameters = _document["paths"]!["/probe/{slug}"]!["delete"]!["parameters"]!.AsArray()
            .Where(p => p!["in"]!.GetValue<string>() == "query")
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);

        Assert.That(parameters["reason"]["required"]?.GetValue<bool>(), Is.True, "a non-nullable string is refused when missing");
        // MVC binds a missing bool as false, so it is optional whatever its declaration.
        Assert.That(parameters["dry_run"]["required"]?.GetValue<bool>() ?? false, Is.False, parameters["dry_run"].ToJsonString());
        Assert.That(parameters["dry_run"]["schema"]!["type"]!.GetValue<string>(), Is.EqualTo("boolean"));
        Assert.That(parameters["cascade"]["schema"]!["type"]!.GetValue<string>(), Is.EqualTo("boolean"));
        Assert.That(parameters["cascade"]["schema"]!["nullable"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void Enums_AreSnakeCaseStrings_AndNullableEnumsStayTypedReferences()
    {
        var kind = Schemas["ProbeKind"]!;
        var nullableProperty = Schemas["ProbeRequest"]!["properties"]!["kind"]!;
        var nullableQuery = Create["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "kind")!["schema"]!;

        Assert.That(kind["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(kind["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "first_kind", "second_kind" }));
        foreach (var schema in new[] { nullableProperty, nullableQuery })
        {
            Assert.That(schema["type"]!.GetValue<string>(), Is.EqualTo("string"), schema.ToJsonString());
            Assert.That(schema["nullable"]!.GetValue<bool>(), Is.True, schema.ToJsonString());
            Assert.That(schema["oneOf"]!.AsArray().Single()!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/ProbeKind"), schema.ToJsonString());
        }
    }

    [Test]
    public void Required_WhatTheValidatorRequiresUnconditionally_IsRequiredAndNotNullable()
    {
        var properties = Schemas["ProbeRequest"]!["properties"]!;

        Assert.That(properties["severity"]!["nullable"], Is.Null, properties["severity"]!.ToJsonString());
        Assert.That(properties["severity"]!["oneOf"]!.AsArray().Single()!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/ProbeKind"));
        Assert.That(properties["tags"]!["nullable"]!.GetValue<bool>(), Is.True, "a rule for each element does not require the list");
        Assert.That(properties["note"]!["nullable"]!.GetValue<bool>(), Is.True, "a conditional rule does not require the field");
        Assert.That(properties["owner"]!["nullable"]!.GetValue<bool>(), Is.True, "nor does a rule inside a When block");
        Assert.That(Required("ProbeRequest"), Does.Not.Contain("tags").And.Not.Contain("note").And.Not.Contain("owner"));
    }

    [Test]
    public void Required_IsNonNullableForRequests_NothingForPatches_EverythingForResponses()
    {
        Assert.That(Required("ProbeRequest"), Is.EquivalentTo(new[] { "title", "kinds", "severity" }));
        Assert.That(Schemas["ProbePatchRequest"]!["required"], Is.Null);
        Assert.That(Schemas["ProbePatchRequest"]!["properties"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "title" }));
        Assert.That(Required("ProbeDto"), Is.EquivalentTo(new[] { "id", "due_on", "kind", "note" }), "hint is left out when null");
        Assert.That(Schemas["ProbeDto"]!["properties"]!["hint"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "type", "nullable" }));
    }

    [Test]
    public void RequestBody_HasExampleAssembledFromPropertyExamples()
    {
        var example = Create["requestBody"]!["content"]!["application/json"]!["example"]!;

        Assert.That(example["title"]!.GetValue<string>(), Is.EqualTo("Probe"));
        Assert.That(example["kinds"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "first_kind" }));
    }

    [Test]
    public void ProblemDetails_RequireStatusTitleDetailAndTraceId()
    {
        Assert.That(Required("ProblemDetails"), Is.EquivalentTo(new[] { "status", "title", "detail", "trace_id" }));
        Assert.That(Required("ValidationProblemDetails"), Is.EquivalentTo(new[] { "status", "title", "detail", "trace_id", "errors" }));
    }

    [Test]
    public void Document_NamesNoServer()
    {
        Assert.That(_document["servers"]?.AsArray() ?? [], Is.Empty);
    }

    private IEnumerable<string> Required(string schema) =>
        Schemas[schema]!["required"]!.AsArray().Select(v => v!.GetValue<string>());
}
