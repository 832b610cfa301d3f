using System.Text;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace StateHub.ClientGenerator;

/// <summary>
/// Turns the committed OpenAPI document into the C# client of <c>src/Client</c>: one
/// <c>{Controller}Client</c> (and its interface) per controller, named from the operation ids
/// (<c>Repos_RegisterRepo</c> → <c>ReposClient.RegisterRepoAsync</c>), System.Text.Json with the
/// wire's snake_case names and enum values, and a <see cref="AggregateClientName"/> that holds one
/// of each, so a new controller needs nothing but regeneration.
/// </summary>
public static class ClientCodeGenerator
{
    public const string Namespace = "StateHub.Client";

    public const string AggregateClientName = "StateHubClient";

    public const string ExceptionClassName = "StateHubApiException";

    public static async Task<string> GenerateAsync(string documentJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);
        NaturalOperationNameGenerator.NameParentParameters(document);
        IfMatchLast(document);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "{controller}Client",
            OperationNameGenerator = new NaturalOperationNameGenerator(),
            GenerateClientInterfaces = true,
            GenerateExceptionClasses = true,
            ExceptionClass = ExceptionClassName,
            GenerateOptionalParameters = true,
            ParameterNameGenerator = new HeaderParameterNameGenerator(),
            // The HttpClient's BaseAddress says where State Hub runs; the document names no server.
            UseBaseUrl = false,
            InjectHttpClient = true,
            DisposeHttpClient = false,
            GenerateResponseClasses = false,
            ResponseArrayType = "System.Collections.Generic.IReadOnlyList",
            ResponseDictionaryType = "System.Collections.Generic.IReadOnlyDictionary",
            CSharpGeneratorSettings =
            {
                Namespace = Namespace,
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                // 9.0 and later: enum members carry JsonStringEnumMemberName, so snake_case values round-trip.
                JsonLibraryVersion = 10.0m,
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
                GenerateDataAnnotations = false,
                PropertyNameGenerator = new PascalCasePropertyNameGenerator(),
                JsonSerializerSettingsTransformationMethod = $"{Namespace}.{SerializerConfiguration}",
                DateType = "System.DateOnly",
                DateTimeType = "System.DateTimeOffset",
                ArrayType = "System.Collections.Generic.IList",
                ArrayInstanceType = "System.Collections.Generic.List",
                ArrayBaseType = "System.Collections.Generic.List",
                DictionaryType = "System.Collections.Generic.IDictionary",
                DictionaryInstanceType = "System.Collections.Generic.Dictionary",
                DictionaryBaseType = "System.Collections.Generic.Dictionary",
            },
        };

        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        code = RequiredRequestMembers(document, code.Replace("\r\n", "\n", StringComparison.Ordinal));
        code += PartialUpdateBodies(document, code);
        code += AggregateClient(document);
        return Normalise(code);
    }

    /// <summary>The static method the generated code calls to configure its serializer (hand-written in src/Client).</summary>
    private const string SerializerConfiguration = "StateHubJson.Configure";

    private static string AggregateClient(OpenApiDocument document)
    {
        var controllers = document.Operations
            .Select(o => o.Operation.OperationId)
            .Where(id => !string.IsNullOrEmpty(id) && id.Contains('_', StringComparison.Ordinal))
            .Select(NaturalOperationNameGenerator.ClientNameOf)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        var code = new StringBuilder();
        code.AppendLine();
        code.AppendLine($"namespace {Namespace}");
        code.AppendLine("{");
        code.AppendLine("    /// <summary>Every State Hub client over one <see cref=\"System.Net.Http.HttpClient\"/> whose BaseAddress is the service.</summary>");
        code.AppendLine($"    public partial interface I{AggregateClientName}");
        code.AppendLine("    {");
        foreach (var controller in controllers)
            code.AppendLine($"        I{controller}Client {controller} {{ get; }}");
        code.AppendLine("    }");
        code.AppendLine();
        code.AppendLine("    /// <summary>Every State Hub client over one <see cref=\"System.Net.Http.HttpClient\"/> whose BaseAddress is the service.</summary>");
        code.AppendLine($"    public partial class {AggregateClientName} : I{AggregateClientName}");
        code.AppendLine("    {");
        code.AppendLine($"        public {AggregateClientName}(System.Net.Http.HttpClient httpClient)");
        code.AppendLine("        {");
        code.AppendLine("            HttpClient = httpClient ?? throw new System.ArgumentNullException(nameof(httpClient));");
        foreach (var controller in controllers)
            code.AppendLine($"            {controller} = new {controller}Client(httpClient);");
        code.AppendLine("        }");
        code.AppendLine();
        code.AppendLine("        /// <summary>The HttpClient every client sends through.</summary>");
        code.AppendLine("        public System.Net.Http.HttpClient HttpClient { get; }");
        foreach (var controller in controllers)
        {
            code.AppendLine();
            code.AppendLine($"        public I{controller}Client {controller} {{ get; }}");
        }

        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }

    /// <summary>
    /// Marks the request body of every PATCH operation as an <c>IPartialUpdate</c> (hand-written in
    /// src/Client), whose cleared properties the serializer writes as explicit nulls: the only way
    /// a partial update can clear a field, since unset (null) properties are left out.
    /// </summary>
    private static string PartialUpdateBodies(OpenApiDocument document, string generated)
    {
        var bodies = document.Operations
            .Where(o => string.Equals(o.Method, OpenApiOperationMethod.Patch, StringComparison.OrdinalIgnoreCase))
            .Select(o => o.Operation.RequestBody?.Content.Values.FirstOrDefault()?.Schema?.ActualSchema)
            .OfType<NJsonSchema.JsonSchema>()
            .Select(schema => document.Components.Schemas.FirstOrDefault(s => ReferenceEquals(s.Value, schema)).Key
                ?? throw new InvalidOperationException("A PATCH body must be a named schema (components/schemas)."))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        var code = new StringBuilder();
        code.AppendLine();
        code.AppendLine($"namespace {Namespace}");
        code.AppendLine("{");
        foreach (var name in bodies)
        {
            if (!generated.Contains($"public partial class {name}\n", StringComparison.Ordinal) && !generated.Contains($"public partial class {name}\r\n", StringComparison.Ordinal))
                throw new InvalidOperationException($"The PATCH body schema '{name}' was not generated as a class of that name.");
            code.AppendLine("    /// <summary>A partial update: unset properties are not sent; <see cref=\"PartialUpdateExtensions.Clear{TUpdate}\"/> sends a property as null.</summary>");
            code.AppendLine($"    public partial class {name} : IPartialUpdate");
            code.AppendLine("    {");
            code.AppendLine("        private readonly System.Collections.Generic.HashSet<string> _clearedProperties = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);");
            code.AppendLine();
            code.AppendLine("        System.Collections.Generic.ISet<string> IPartialUpdate.ClearedProperties => _clearedProperties;");
            code.AppendLine("    }");
            if (name != bodies[^1])
                code.AppendLine();
        }

        code.AppendLine("}");
        return code.ToString();
    }

    /// <summary>
    /// <c>ifMatch</c>, then <c>idempotencyKey</c>, are the last arguments of every method (before the
    /// cancellation token), after an optional body too: NSwag orders parameters by <c>x-position</c>.
    /// </summary>
    private static void IfMatchLast(OpenApiDocument document)
    {
        foreach (var operation in document.Operations.Select(o => o.Operation))
        {
            // Path parameters, then the body, then the query and other headers, then If-Match.
            var position = 1;
            foreach (var parameter in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Path))
                parameter.Position = position++;
            if (operation.RequestBody is { } body)
                body.Position = position++;
            foreach (var parameter in operation.Parameters.Where(p => p.Kind != OpenApiParameterKind.Path))
                parameter.Position = parameter.Name.ToLowerInvariant() switch
                {
                    "if-match" => 1000,
                    // Declared on every POST after If-Match was: last, so existing positional calls keep their meaning.
                    "idempotency-key" => 1001,
                    _ => position++,
                };
        }
    }

    /// <summary>
    /// Every property a request body schema requires becomes a C# <c>required</c> member, so
    /// forgetting one (a string, or an enum that would otherwise default to its first value) does
    /// not compile. Optional properties are nullable already (GenerateOptionalPropertiesAsNullable).
    /// </summary>
    private static string RequiredRequestMembers(OpenApiDocument document, string code)
    {
        var names = document.Operations
            .Select(o => o.Operation.RequestBody?.Content.Values.FirstOrDefault()?.Schema?.ActualSchema)
            .OfType<NJsonSchema.JsonSchema>()
            .SelectMany(RequestSchemas)
            .Distinct()
            .Select(schema => (Schema: schema, Name: document.Components.Schemas.FirstOrDefault(s => ReferenceEquals(s.Value, schema)).Key))
            .Where(s => s.Name is not null)
            .ToList();
        foreach (var (schema, name) in names)
        {
            var start = code.IndexOf($"public partial class {name}\n", StringComparison.Ordinal);
            if (start < 0)
                throw new InvalidOperationException($"The request schema '{name}' was not generated as a class of that name.");
            var end = code.IndexOf("\n    }\n", start, StringComparison.Ordinal);
            var body = code[start..end];
            foreach (var property in schema.ActualProperties.Where(p => p.Value.IsRequired).Select(p => p.Key))
            {
                var pattern = new System.Text.RegularExpressions.Regex(
                    "(JsonPropertyName\\(\"" + System.Text.RegularExpressions.Regex.Escape(property) + "\"\\)\\]\n(?:[ ]+\\[[^\n]*\n)*[ ]+public )([^\n]+?) \\{ get; set; \\}(?: = default!;)?");
                var replaced = pattern.Replace(body, "$1required $2 { get; set; }", 1);
                if (replaced == body)
                    throw new InvalidOperationException($"Could not make {name}.{property} a required member.");
                body = replaced;
            }

            code = code[..start] + body + code[end..];
        }

        return code;
    }

    /// <summary>A request schema and the object schemas nested in it (items of lists, properties).</summary>
    private static IEnumerable<NJsonSchema.JsonSchema> RequestSchemas(NJsonSchema.JsonSchema schema)
    {
        var seen = new HashSet<NJsonSchema.JsonSchema>();
        var queue = new Queue<NJsonSchema.JsonSchema>([schema]);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue().ActualSchema;
            if (next.Type.HasFlag(NJsonSchema.JsonObjectType.Array) && next.Item is { } item)
            {
                queue.Enqueue(item);
                continue;
            }

            if (next.ActualProperties.Count == 0 || !seen.Add(next))
                continue;
            yield return next;
            foreach (var property in next.ActualProperties.Values)
                queue.Enqueue(property.ActualTypeSchema);
        }
    }

    private static string Normalise(string code)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }
}
