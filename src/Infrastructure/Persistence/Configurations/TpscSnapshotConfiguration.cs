using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Repos;
using StateHub.Domain.Tpsc;
using StateHub.Infrastructure.Persistence.Conversions;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class TpscSnapshotConfiguration : IEntityTypeConfiguration<TpscSnapshot>
{
    public void Configure(EntityTypeBuilder<TpscSnapshot> builder)
    {
        builder.ToTable("tpsc_snapshots");
        builder.ConfigureEntityBase();
        builder.HasOne<ManagedRepo>().WithMany().HasForeignKey(s => s.RepoId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Components)
            .HasColumnType("jsonb")
            .HasConversion(JsonValueConversions.Converter<IReadOnlyList<TpscComponent>>(), JsonValueConversions.Comparer<IReadOnlyList<TpscComponent>>())
            .IsRequired();
        builder.HasIndex(s => new { s.RepoId, s.SnapshotAt });
    }
}
