using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Common;
using StateHub.Domain.Repos;
using StateHub.Infrastructure.Persistence.Conversions;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class ManagedRepoConfiguration : IEntityTypeConfiguration<ManagedRepo>
{
    public void Configure(EntityTypeBuilder<ManagedRepo> builder)
    {
        builder.ToTable("managed_repos");
        builder.ConfigureEntityBase();
        builder.HasOne(r => r.Domain).WithMany().HasForeignKey(r => r.DomainId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Slug).HasMaxLength(Slug.MaxLength).IsRequired();
        builder.HasIndex(r => r.Slug).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(ManagedRepo.NameMaxLength).IsRequired();
        builder.HasIndex(r => r.Name);
        builder.Property(r => r.LocalPath).HasMaxLength(ManagedRepo.PathMaxLength);
        builder.Property(r => r.RemoteUrl).HasMaxLength(ManagedRepo.UrlMaxLength);
        builder.HasIndex(r => r.RemoteUrl);
        builder.Property(r => r.GitFingerprint).HasMaxLength(ManagedRepo.FingerprintMaxLength);
        builder.HasIndex(r => r.GitFingerprint);
        builder.Property(r => r.Description).HasMaxLength(ManagedRepo.DescriptionMaxLength);
        builder.Property(r => r.TopicId).HasMaxLength(ManagedRepo.TopicIdMaxLength);
        builder.Property(r => r.Status).IsSnakeCaseEnum().IsRequired();
        builder.Property(r => r.HostPaths)
            .HasColumnType("jsonb")
            .HasConversion(
                JsonValueConversions.Converter<IReadOnlyDictionary<string, string>>(),
                new ValueComparer<IReadOnlyDictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && a.All(p => b.ContainsKey(p.Key) && b[p.Key] == p.Value),
                    v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value)),
                    v => new Dictionary<string, string>(v)))
            .IsRequired();
    }
}
