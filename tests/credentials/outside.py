"""A live PeerCert over HTTPS, for verifiers that resolve did:web (which is HTTPS only): a
throwaway certificate authority made here, a server certificate for 127.0.0.1, and Django's
live server thread with its listening socket wrapped in TLS. The node verifiers trust the CA
through NODE_EXTRA_CA_CERTS and reach nothing but 127.0.0.1 (tests/node/guard.mjs)."""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import ssl
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.db import connections
from django.test.testcases import LiveServerThread, _StaticFilesHandler

NODE_DIR = Path(__file__).resolve().parent.parent / "node"


@dataclass
class LocalCA:
    ca_pem: Path
    cert_pem: Path
    key_pem: Path


def make_local_ca(directory: Path) -> LocalCA:
    """A CA that exists for one test run, and a server certificate for 127.0.0.1 from it."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "PeerCert test run CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    local = LocalCA(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    local.ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    local.cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    local.key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return local


class TLSLiveServerThread(LiveServerThread):
    def __init__(self, *args, ssl_context: ssl.SSLContext, **kwargs):
        self.ssl_context = ssl_context
        super().__init__(*args, **kwargs)

    def _create_server(self, connections_override=None):
        server = super()._create_server(connections_override=connections_override)
        server.socket = self.ssl_context.wrap_socket(server.socket, server_side=True)
        return server


class HttpsLiveServer:
    """Django's live server thread, speaking TLS with a certificate from ``local``."""

    def __init__(self, local: LocalCA):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(local.cert_pem, local.key_pem)
        # An in-memory SQLite test database is shared with the server thread, as Django's own
        # LiveServerTestCase does; a file or PostgreSQL database needs no sharing.
        override = {}
        for connection in connections.all():
            if connection.vendor == "sqlite" and connection.is_in_memory_db():
                connection.inc_thread_sharing()
                override[connection.alias] = connection
        self._override = override
        self.thread = TLSLiveServerThread(
            "127.0.0.1", _StaticFilesHandler, override, 0, ssl_context=context
        )
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.url = f"https://127.0.0.1:{self.thread.port}"

    def stop(self):
        self.thread.terminate()
        for connection in self._override.values():
            connection.dec_thread_sharing()


def node_ready() -> None:
    """The node verifiers need their packages (``make test`` runs ``npm ci`` in tests/node)."""
    if shutil.which("node") is None or not (NODE_DIR / "node_modules").is_dir():
        message = "node or tests/node/node_modules missing: run `npm ci` in tests/node"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def run_verifiers(job: dict, *, ca: LocalCA) -> dict:
    """Run tests/node/verify.mjs on ``job``; returns its JSON report."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "NODE_EXTRA_CA_CERTS": str(ca.ca_pem),
        "NODE_NO_WARNINGS": "1",
    }
    completed = subprocess.run(
        ["node", "verify.mjs", "--json"],
        cwd=NODE_DIR,
        input=json.dumps(job),
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError:
        raise AssertionError(
            f"verify.mjs exited {completed.returncode}:\n{completed.stdout}\n{completed.stderr}"
        ) from None
