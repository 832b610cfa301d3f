namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Marks a POST that answers 200 with a versioned resource but does not change a resource the
/// client could have read first (claim-next picks its task), so <c>If-Match</c> has nothing to match.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NotConditionalAttribute : Attribute;
