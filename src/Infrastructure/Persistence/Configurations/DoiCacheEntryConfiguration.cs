using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Doi;
using StateHub.Domain.Repos;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class DoiCacheEntryConfiguration : IEntityTypeConfiguration<DoiCacheEntry>
{
    public void Configure(EntityTypeBuilder<DoiCacheEntry> builder)
    {
        builder.ToTable("doi_cache");
        builder.HasKey(c => c.RepoId);
        builder.HasOne<ManagedRepo>().WithOne().HasForeignKey<DoiCacheEntry>(c => c.RepoId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Tier).IsSnakeCaseEnum().IsRequired();
        builder.Property(c => c.Criteria).HasColumnType("jsonb").IsRequired();
        builder.Property(c => c.Fingerprint).HasMaxLength(128).IsRequired();
        builder.Property(c => c.FullEvaluation).IsRequired();
        builder.Property(c => c.NextTierBlockers).HasColumnType("text[]");
    }
}
