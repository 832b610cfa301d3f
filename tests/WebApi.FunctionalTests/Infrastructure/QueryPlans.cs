using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Infrastructure;

/// <summary>Reads <c>EXPLAIN (FORMAT JSON)</c> output: every object in it, so every plan node at any depth.</summary>
public static class QueryPlans
{
    public static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Nodes),
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Nodes).Prepend(obj),
        _ => [],
    };

    /// <summary>The tables the plan reads.</summary>
    public static IEnumerable<string> Relations(JsonNode? plan) =>
        Nodes(plan).Select(n => n["Relation Name"]?.GetValue<string>()).OfType<string>();

    /// <summary>The indexes the plan reads.</summary>
    public static IEnumerable<string> Indexes(JsonNode? plan) =>
        Nodes(plan).Select(n => n["Index Name"]?.GetValue<string>()).OfType<string>();

    /// <summary>The names of the plan's correlated subqueries ("SubPlan 2", "hashed SubPlan 2"), InitPlans excluded.</summary>
    public static IEnumerable<string> SubPlans(JsonNode? plan) =>
        Nodes(plan).Where(n => n["Parent Relationship"]?.GetValue<string>() == "SubPlan").Select(n => n["Subplan Name"]?.GetValue<string>() ?? "SubPlan");

    /// <summary>The tables the plan scans sequentially.</summary>
    public static IEnumerable<string> SeqScans(JsonNode? plan) =>
        Nodes(plan).Where(n => n["Node Type"]?.GetValue<string>() == "Seq Scan").Select(n => n["Relation Name"]!.GetValue<string>());
}
