using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>
/// A fake <c>docker</c> for the TiKV demo, since no Docker engine runs here: <c>compose up</c> starts the
/// Operator.FakeTikv executable on the compose deployment's host ports (moved by a free port offset, so nothing
/// collides) with the stores advertising <c>tikvN:20160</c> like the real containers; <c>docker kill</c>, <c>pause</c>,
/// <c>unpause</c> and <c>compose start</c> of a container become the fake's stdin commands (through a FIFO);
/// <c>compose down</c> ends it. Every call is logged.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class FakeComposeDocker : IDisposable
{
    private const string Script = """
        #!/bin/bash
        # Fake docker for Operator's TiKV demo test (see FakeComposeDocker.cs).
        dir=@DIR@
        o="${OPERATOR_TIKV_PORT_OFFSET:-0}"
        printf '%s\n' "$*" >> "$dir/calls.log"
        last="${@: -1}"
        send() { printf '%s\n' "$1" > "$dir/control"; }
        node_of() {
          case "$1" in
            *tikv0*) echo "store 1";; *tikv1*) echo "store 4";; *tikv2*) echo "store 5";;
            *pd0*) echo "pd pd0";; *pd1*) echo "pd pd1";; *pd2*) echo "pd pd2";;
            *) echo "";;
          esac
        }
        act() { # act kill|hang|restart CONTAINER-OR-SERVICE
          set -- "$1" $(node_of "$2")
          [ -n "$3" ] || { echo "Error response from daemon: No such container: $last" >&2; exit 1; }
          if [ "$2" = store ]; then send "$1-store $3"; else send "$1-pd $3"; fi
        }
        running() { [ -f "$dir/fake.pid" ] && kill -0 "$(cat "$dir/fake.pid")" 2>/dev/null; }
        case "$1" in
          info) echo "27.3.1-fake"; exit 0;;
          logs) exit 0;;
          kill) act kill "$last"; exit 0;;
          pause) act hang "$last"; exit 0;;
          unpause) act restart "$last"; exit 0;;
          compose) ;;
          *) echo "fake docker: unsupported command $1" >&2; exit 1;;
        esac
        for a in "$@"; do case "$a" in up|down|start|ps|version|logs) verb=$a; break;; esac; done
        case "$verb" in
          version) echo "Docker Compose version v2.29.7-fake";;
          up)
            running && exit 0
            rm -f "$dir/control" "$dir/fake.out"; mkfifo "$dir/control"
            # A writer that stays open, so the fake's stdin reaches end-of-file only on `down`.
            setsid sleep 100000 > "$dir/control" 2>/dev/null < /dev/null &
            echo $! > "$dir/holder.pid"
            setsid dotnet "$FAKE_TIKV_DLL" \
              --pd-ports $((2379+o)),$((2479+o)),$((2579+o)) --status-ports $((20180+o)),$((20181+o)),$((20182+o)) \
              --prometheus-port $((9090+o)) --store-addresses tikv0:20160,tikv1:20160,tikv2:20160 \
              < "$dir/control" > "$dir/fake.out" 2> "$dir/fake.err" &
            echo $! > "$dir/fake.pid"
            for i in $(seq 1 600); do
              [ -s "$dir/fake.out" ] && exit 0
              running || { cat "$dir/fake.err" >&2; exit 1; }
              sleep 0.1
            done
            echo "fake TiKV did not start" >&2; exit 1;;
          down)
            [ -f "$dir/holder.pid" ] && kill "$(cat "$dir/holder.pid")" 2>/dev/null
            for i in $(seq 1 100); do running || break; sleep 0.1; done
            running && kill "$(cat "$dir/fake.pid")"
            rm -f "$dir/fake.pid" "$dir/holder.pid"; exit 0;;
          start) act restart "$last"; exit 0;;
          ps) exit 0;;
          logs) exit 0;;
        esac
        exit 0
        """;

    private readonly TempStateDir _dir = new();

    public FakeComposeDocker()
    {
        BinDirectory = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(BinDirectory);
        var binary = Path.Combine(BinDirectory, "docker");
        File.WriteAllText(binary, Script.Replace("@DIR@", "'" + _dir.Path + "'", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        PortOffset = FreeOffset();
    }

    /// <summary>The directory holding only the fake <c>docker</c>, to put first on PATH.</summary>
    public string BinDirectory { get; }

    /// <summary>An offset at which all seven compose host ports are free now.</summary>
    public int PortOffset { get; }

    /// <summary>Every call's arguments, one line each.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            var log = Path.Combine(_dir.Path, "calls.log");
            return File.Exists(log) ? File.ReadAllLines(log) : [];
        }
    }

    /// <summary>True while the fake cluster the script started runs.</summary>
    public bool FakeClusterRunning => FakePid() is { } pid && File.Exists($"/proc/{pid}/stat");

    /// <summary>The environment a process needs to use this docker (PATH first, the fake's dll, the port offset).</summary>
    public string ShellPrefix => string.Create(
        CultureInfo.InvariantCulture,
        $"PATH={BinDirectory}:$PATH FAKE_TIKV_DLL={Path.Combine(AppContext.BaseDirectory, "Operator.FakeTikv.dll")} OPERATOR_TIKV_PORT_OFFSET={PortOffset}");

    public void Dispose()
    {
        // Whatever a failed run left: the FIFO's writer and the fake cluster.
        foreach (var name in new[] { "holder.pid", "fake.pid" })
        {
            var file = Path.Combine(_dir.Path, name);
            if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        }

        _dir.Dispose();
    }

    private int? FakePid()
    {
        var file = Path.Combine(_dir.Path, "fake.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    // Below 32768, so the ports are out of the kernel's ephemeral range and only a listener could take them.
    private static int FreeOffset()
    {
        int[] ports = [2379, 2479, 2579, 20180, 20181, 20182, 9090];
        for (var offset = Random.Shared.Next(100, 9000); ; offset = Random.Shared.Next(100, 9000))
        {
            if (ports.All(p => IsFree(p + offset)))
            {
                return offset;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
