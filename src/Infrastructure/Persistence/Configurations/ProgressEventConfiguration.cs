using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Events;
using StateHub.Domain.Repos;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class ProgressEventConfiguration : IEntityTypeConfiguration<ProgressEvent>
{
    public void Configure(EntityTypeBuilder<ProgressEvent> builder)
    {
        builder.ToTable("progress_events");
        builder.ConfigureEntityBase();
        builder.HasOne<ManagedRepo>().WithMany().HasForeignKey(e => e.RepoId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Actor).HasMaxLength(ProgressEvent.ActorMaxLength).IsRequired().HasDefaultValue("anonymous");
        builder.Property(e => e.Kind).HasMaxLength(ProgressEvent.KindMaxLength).IsRequired();
        builder.Property(e => e.Summary).HasMaxLength(ProgressEvent.SummaryMaxLength).IsRequired();
        builder.Property(e => e.Data).HasColumnType("jsonb").IsRequired();
        builder.HasIndex(e => new { e.RepoId, e.CreatedAt });
    }
}
