namespace StateHub.Domain.Tpsc;

/// <summary>One third-party software component of a repo, as an SBOM lists it.</summary>
public sealed record TpscComponent(string Name, string? Version, string? Ecosystem, string? License);
