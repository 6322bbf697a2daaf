using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace DaoTaoNghe.Tests.Features.Reports;

/// <summary>
/// A real SMTP server on a local port that accepts every message and keeps it: enough of RFC 5321
/// (greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for System.Net.Mail to deliver to it.
/// </summary>
public sealed partial class SmtpSink : IDisposable
{
    public sealed record Message(IReadOnlyList<string> Recipients, string Data)
    {
        /// <summary>The Subject header with its RFC 2047 encoded words decoded (adjacent words join, bytes first, so split characters survive).</summary>
        public string Subject
        {
            get
            {
                var header = Regex.Match(Data, @"^Subject: ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", RegexOptions.Multiline).Groups[1].Value.Replace("\r\n", "");
                var words = EncodedWord().Matches(header);
                if (words.Count == 0) return header;
                var bytes = words.SelectMany(w => w.Groups[2].Value.ToUpperInvariant() == "B"
                    ? Convert.FromBase64String(w.Groups[3].Value)
                    : Encoding.UTF8.GetBytes(QuotedPrintable(w.Groups[3].Value.Replace('_', ' ')))).ToArray();
                return Encoding.UTF8.GetString(bytes);
            }
        }

        /// <summary>The body, decoded from base64 or quoted-printable as its header says.</summary>
        public string Body
        {
            get
            {
                var split = Data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                var headers = Data[..split];
                var body = Data[(split + 4)..];
                if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
                    return Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "")));
                return headers.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase) ? QuotedPrintable(body.Replace("=\r\n", "")) : body;
            }
        }
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public SmtpSink()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<Message> Messages { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink.local ESMTP ready");
        var recipients = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 sink.local");
                    break;
                case "MAIL":
                    recipients = [];
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    recipients.Add(Regex.Match(line, "<([^>]*)>").Groups[1].Value);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    Messages.Enqueue(new Message(recipients, data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
