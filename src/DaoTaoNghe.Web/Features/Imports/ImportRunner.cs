using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Imports;

/// <summary>
/// Runs one job as the current scope's user: reads the stored file, finds its header and maps its
/// columns (as mapped before, by header, or as the organisation remembered), then runs the template
/// as a dry run or as a commit. A commit is one transaction: every accepted row, the job's new
/// counts and its audit line are written together, or nothing is.
/// </summary>
public sealed class ImportRunner(
    AppDbContext db,
    FileStore files,
    ImportTemplates templates,
    ImportProgress progress,
    AuditTrail audit,
    ImportLimits limits,
    TimeProvider clock,
    Notifier notifier,
    ILogger<ImportRunner> logger) : IHandler
{
    public const string CommitFailed =
        "Không ghi được dữ liệu vào cơ sở dữ liệu: toàn bộ lần ghi đã được hủy, không dòng nào được ghi. " +
        "Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống kèm số lần nhập.";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task RunAsync(int jobId, CancellationToken cancellationToken = default)
    {
        var claimed = await db.ImportJobs.Where(j => j.Id == jobId && j.Status == ImportStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Checking), cancellationToken);
        var commit = claimed == 0 && await db.ImportJobs.Where(j => j.Id == jobId && j.Status == ImportStatus.CommitQueued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Committing), cancellationToken) == 1;
        if (claimed == 0 && !commit) return;

        var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
        try
        {
            var template = templates.Find(job.TemplateCode) ?? throw new ImportFileException("Mẫu nhập của tệp này không còn trong hệ thống.");
            using var source = ImportSource.Open(() => files.OpenRead(job.FileKey), job.FileName, limits);
            var table = ImportTable.Read(source, template.Columns);
            var map = await MapAsync(job, template, table.Header, cancellationToken);
            var missing = ImportHeaders.Missing(template.Columns, map).ToList();
            var headersJson = JsonSerializer.Serialize(table.Header.Columns, Json);
            if (missing.Count > 0)
            {
                await UpdateAsync(jobId, j =>
                {
                    j.Status = ImportStatus.NeedsMapping;
                    j.SheetName = source.SheetName;
                    j.HeaderRow = table.Header.Row;
                    j.HeadersJson = headersJson;
                    j.MappingJson = JsonSerializer.Serialize(map);
                    j.Notes = string.Join('\n', source.Notes.Append(
                        $"Không tìm thấy cột {string.Join(", ", missing.Select(c => $"\"{c.Header}\""))} ở dòng tiêu đề (dòng {table.Header.Row}): hãy cho biết cột nào của tệp ứng với từng cột của mẫu."));
                }, cancellationToken);
                return;
            }

            var total = Math.Max(1, source.RowsWithValues - 1);
            progress.Report(jobId, 0, total);
            // Each batch's time, for bench/import: a batch slower than the first as rows accumulate means a plan that degrades with the transaction.
            var batch = System.Diagnostics.Stopwatch.StartNew();
            var run = new ImportRun(table.Rows, map, table.Header.Row, source.MergedRanges, commit,
                (done, _) =>
                {
                    progress.Report(jobId, done, total);
                    logger.LogDebug("Import job {JobId}: {Done} of {Total} rows, batch {Milliseconds} ms", jobId, done, total, batch.ElapsedMilliseconds);
                    batch.Restart();
                    return Task.CompletedTask;
                });
            var notes = source.Notes.Concat(ColumnNotes(template, table.Header, map)).ToList();

            if (commit)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var summary = await template.RunAsync(run, cancellationToken);
                await RecordAsync(jobId, summary, notes, ImportStatus.Committed, source.SheetName, table.Header.Row, headersJson, map, cancellationToken);
                await audit.RecordImportAsync(jobId,
                    $"{template.Name} từ tệp {job.FileName}: thêm {summary.Created}, cập nhật {summary.Updated}, giữ nguyên {summary.Unchanged}, từ chối {summary.Rejected} dòng.",
                    template.ContainsPersonalData, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                try
                {
                    await template.AfterCommitAsync(cancellationToken);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // The rows are committed and the job says so; what follows is the template's to retry, not the import's to undo.
                    logger.LogWarning(failure, "Import job {JobId}: the work after its commit failed", jobId);
                }
                // After the commit, not within it: an e-mail is not sent while the imported rows are held.
                await TellAsync(jobId);
            }
            else
            {
                var summary = await template.RunAsync(run, cancellationToken);
                await RecordAsync(jobId, summary, notes, ImportStatus.Checked, source.SheetName, table.Header.Row, headersJson, map, cancellationToken);
            }
        }
        catch (ImportFileException refused)
        {
            await FailAsync(jobId, commit ? ImportStatus.Failed : ImportStatus.Refused, refused.Message);
        }
        catch (Exception failure) when (commit && failure is ForbiddenException or ValidationFailedException or ConflictException)
        {
            logger.LogWarning(failure, "Import job {JobId} could not commit", jobId);
            await FailAsync(jobId, ImportStatus.Failed, $"{failure.Message} Toàn bộ lần ghi đã được hủy, không dòng nào được ghi.");
        }
        catch (Exception failure) when (commit && IsDatabaseRefusal(failure))
        {
            logger.LogWarning(failure, "Import job {JobId} could not commit", jobId);
            await FailAsync(jobId, ImportStatus.Failed, CommitFailed);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Import job {JobId} failed", jobId);
            await FailAsync(jobId, ImportStatus.Failed, "Lỗi hệ thống khi xử lý tệp; không dòng nào được ghi. Hãy thử lại hoặc báo quản trị hệ thống kèm số lần nhập.");
            throw;
        }
        finally
        {
            progress.Finish(jobId);
        }
    }

    /// <summary>The job's own mapping if the user made one; else columns found by header, completed by what the organisation remembered for this layout.</summary>
    private async Task<Dictionary<string, int>> MapAsync(ImportJob job, IImportTemplate template, ImportHeader header, CancellationToken cancellationToken)
    {
        var indexes = header.Columns.Select(c => c.Index).ToHashSet();
        if (job.MappingJson is { } chosen && job.HeaderRow == header.Row
            && JsonSerializer.Deserialize<Dictionary<string, int>>(chosen) is { } saved
            && saved.Values.All(indexes.Contains) && !ImportHeaders.Missing(template.Columns, saved).Any())
            return saved;

        var map = ImportHeaders.Match(header, template.Columns);
        var remembered = await db.ImportColumnMappings.AsNoTracking()
            .Where(m => m.OrganisationId == db.Scope.OrganisationId && m.TemplateCode == template.Code && m.HeaderKey == header.Key)
            .Select(m => m.MappingJson)
            .SingleOrDefaultAsync(cancellationToken);
        if (remembered is not null && JsonSerializer.Deserialize<Dictionary<string, string>>(remembered) is { } byHeader)
            foreach (var (key, index) in ImportHeaders.Apply(header, byHeader))
                map[key] = index;
        return map;
    }

    private static IEnumerable<string> ColumnNotes(IImportTemplate template, ImportHeader header, IReadOnlyDictionary<string, int> map)
    {
        var used = map.Values.ToHashSet();
        var ignored = header.Columns.Where(c => !used.Contains(c.Index)).Select(c => $"{c.Letter} \"{c.Text}\"").ToList();
        yield return $"Dòng tiêu đề: dòng {header.Row}; ghép cột: " + string.Join("; ", template.Columns
            .Where(c => map.ContainsKey(c.Key))
            .Select(c => $"{XlsxRows.ColumnName(map[c.Key])} → {c.Header}")) + ".";
        if (ignored.Count > 0) yield return $"Bỏ qua các cột không thuộc mẫu: {string.Join(", ", ignored)}.";
    }

    private async Task RecordAsync(int jobId, ImportSummary summary, List<string> notes, ImportStatus status, string? sheet, int headerRow,
        string headersJson, IReadOnlyDictionary<string, int> map, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (summary.ExampleRow is { } example) notes.Add($"Bỏ qua dòng {example}: dòng ví dụ của mẫu.");
        if (summary.FormulaCells > 0)
            notes.Add($"{summary.FormulaCells.ToString("N0", VietnameseFormat.Culture)} ô có công thức: đã dùng giá trị Excel tính sẵn khi lưu tệp.");
        if (summary.ProblemsNotKept > 0)
            notes.Add($"Chỉ lưu {summary.Problems.Count.ToString("N0", VietnameseFormat.Culture)} lỗi đầu tiên; còn {summary.ProblemsNotKept.ToString("N0", VietnameseFormat.Culture)} lỗi nữa. Sửa các lỗi này rồi tải lên lại để xem tiếp.");

        await db.ImportRowErrors.Where(e => e.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        foreach (var chunk in summary.Problems.Chunk(2_000))
        {
            db.ImportRowErrors.AddRange(chunk.Select(p => new ImportRowError
            {
                JobId = jobId, RowNumber = p.Row, Column = p.Column, Header = Cut(p.Header, 200), Value = Cut(p.Value, 200), Message = Cut(p.Message, 1000),
            }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await UpdateAsync(jobId, j =>
        {
            j.Status = status;
            j.SheetName = sheet;
            j.HeaderRow = headerRow;
            j.HeadersJson = headersJson;
            j.MappingJson = JsonSerializer.Serialize(map);
            j.Notes = string.Join('\n', notes);
            j.Error = null;
            j.Rows = summary.Rows;
            j.Created = summary.Created;
            j.Updated = summary.Updated;
            j.Unchanged = summary.Unchanged;
            j.Rejected = summary.Rejected;
            j.ProblemsNotKept = summary.ProblemsNotKept;
            if (status == ImportStatus.Committed) j.CommittedAt = now;
            else j.CheckedAt = now;
        }, cancellationToken);
    }

    /// <summary>Recorded whatever happened to the run's token, so a job never stays "running".</summary>
    private async Task FailAsync(int jobId, ImportStatus status, string message)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await UpdateAsync(jobId, j =>
        {
            j.Status = status;
            j.Error = Cut(message, 2000);
        }, CancellationToken.None);
        await TellAsync(jobId);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Tells the uploader the file went in, or why not: a large file runs in the background, and they may have left the page.
    /// A refusal is told within the transaction that records it, so whoever sees the job ended finds the message too.
    /// </summary>
    private async Task TellAsync(int jobId)
    {
        var transaction = db.Database.CurrentTransaction;
        if (transaction is not null) await transaction.CreateSavepointAsync("tell");
        try
        {
            var job = await db.ImportJobs.AsNoTracking().Where(j => j.Id == jobId)
                .Select(j => new { j.UserId, j.OrganisationId, j.FileName, j.Status, j.Created, j.Updated, j.Unchanged, j.Rejected, j.Error })
                .SingleAsync(CancellationToken.None);
            var done = job.Status == ImportStatus.Committed;
            await notifier.NotifyAsync([new OrganisationMessage(job.OrganisationId, $"nhap-tep:{jobId}:{job.Status}",
                done ? $"Đã nhập xong tệp {job.FileName}" : $"Không nhập được tệp {job.FileName}",
                done ? $"Thêm {job.Created}, cập nhật {job.Updated}, giữ nguyên {job.Unchanged}, từ chối {job.Rejected} dòng." : job.Error ?? Fmt.Enum(job.Status),
                $"/Imports/Job/{jobId}", NotificationKind.Import, job.UserId)], clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The import's outcome is recorded on its job; a message that could not be left must not undo it
            // (PostgreSQL refuses the rest of a transaction after a failed command, hence the savepoint).
            logger.LogWarning(failure, "Import job {JobId}: telling the uploader failed", jobId);
            db.ChangeTracker.Clear();
            if (transaction is not null) await transaction.RollbackToSavepointAsync("tell");
        }
    }

    private async Task UpdateAsync(int jobId, Action<ImportJob> change, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
        change(job);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The database refused or timed out: a constraint, a lock held by another writer, a command
    /// timeout. Providers wrap a timeout in their own exception, sometimes in EF's, so the chain is read.
    /// </summary>
    public static bool IsDatabaseRefusal(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
            if (e is DbUpdateException or System.Data.Common.DbException or TimeoutException) return true;
        return false;
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..(length - 3)] + "..." : text;
}
