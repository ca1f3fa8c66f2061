import { describe, expect, it } from 'vitest';
import { forbiddenAddressReason, validateWebhookUrl } from '../../src/webhooks/safe-target.js';

const secure = { allowInsecure: false };
const insecure = { allowInsecure: true };

function rejection(url: string, rules = secure): string {
  const result = validateWebhookUrl(url, rules);
  if (result.ok) throw new Error(`expected ${url} to be rejected`);
  return result.message;
}

describe('validateWebhookUrl: shape', () => {
  it('accepts public https URLs, with ports, paths, queries and IDN hosts', () => {
    for (const url of [
      'https://example.com/webhooks',
      'https://hooks.example.co.uk:8443/cargolint?token=abc#frag',
      'https://bücher.example/hook',
      'https://8.8.8.8/hook',
      'https://[2606:4700:4700::1111]/hook',
      'https://example.com./hook',
    ]) {
      expect(validateWebhookUrl(url, secure), url).toEqual({ ok: true });
    }
  });

  it('requires https unless insecure URLs are allowed', () => {
    expect(rejection('http://example.com/hook')).toMatch(/must use https/);
    expect(validateWebhookUrl('http://example.com/hook', insecure)).toEqual({ ok: true });
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://example.com/', 'ws://example.com/'])(
    'rejects the non-HTTP scheme of %s, even when insecure',
    (url) => {
      expect(rejection(url)).toMatch(/must use https/);
      expect(rejection(url, insecure)).toMatch(/must use http:\/\/ or https/);
    },
  );

  it('requires an absolute URL', () => {
    for (const url of ['/webhooks', 'example.com/webhooks', '', 'https://']) {
      expect(validateWebhookUrl(url, secure).ok, url).toBe(false);
    }
    expect(rejection('/webhooks')).toMatch(/absolute URL/);
  });

  it('limits URLs to 2048 characters', () => {
    const base = 'https://example.com/';
    expect(validateWebhookUrl(base + 'a'.repeat(2048 - base.length), secure)).toEqual({ ok: true });
    expect(rejection(base + 'a'.repeat(2049 - base.length))).toMatch(/at most 2048/);
  });

  it('rejects credentials in the URL, even when insecure', () => {
    expect(rejection('https://user:pass@example.com/hook')).toMatch(/user name or password/);
    expect(rejection('https://user@example.com/hook')).toMatch(/user name or password/);
    expect(rejection('http://user:pass@localhost/hook', insecure)).toMatch(/user name or password/);
  });

  it('rejects whitespace and control characters the parser would silently rewrite', () => {
    for (const url of [' https://example.com/', 'https://example.com/a b', 'https://example.com/\n', 'https://exa\tmple.com/']) {
      expect(rejection(url)).toMatch(/spaces or control characters/);
    }
  });
});

describe('validateWebhookUrl: forbidden hosts', () => {
  it.each([
    // IPv4 loopback in every notation the WHATWG parser understands
    ['https://127.0.0.1/', /loopback/],
    ['https://127.1/', /loopback/],
    ['https://2130706433/', /loopback/],
    ['https://0x7f000001/', /loopback/],
    ['https://0x7f.0.0.1/', /loopback/],
    ['https://0177.0.0.1/', /loopback/],
    ['https://0177.1/', /loopback/],
    ['https://127.0.0.1./', /loopback/],
    ['https://%31%32%37.0.0.1/', /loopback/],
    ['https://127.255.255.254:8443/', /loopback/],
    // private, link-local, metadata, CGNAT, special ranges
    ['https://10.1.2.3/', /private/],
    ['https://172.16.0.1/', /private/],
    ['https://172.31.255.255/', /private/],
    ['https://192.168.1.1/', /private/],
    ['https://169.254.1.1/', /link-local/],
    ['https://169.254.169.254/latest/meta-data/', /metadata/],
    ['https://0xa9fea9fe/', /metadata/],
    ['https://100.64.0.1/', /carrier-grade NAT/],
    ['https://100.127.255.255/', /carrier-grade NAT/],
    ['https://100.100.100.200/', /metadata/],
    ['https://0.0.0.0/', /unspecified/],
    ['https://0/', /unspecified/],
    ['https://0.1.2.3/', /unspecified/],
    ['https://224.0.0.1/', /multicast/],
    ['https://239.255.255.250/', /multicast/],
    ['https://255.255.255.255/', /broadcast/],
    ['https://240.0.0.1/', /reserved/],
    ['https://192.0.2.10/', /documentation/],
    ['https://198.51.100.10/', /documentation/],
    ['https://203.0.113.10/', /documentation/],
    ['https://198.18.0.1/', /benchmarking/],
    ['https://192.0.0.170/', /IETF/],
    // IPv6
    ['https://[::1]/', /loopback/],
    ['https://[0:0:0:0:0:0:0:1]/', /loopback/],
    ['https://[::]/', /unspecified/],
    ['https://[fc00::1]/', /unique local/],
    ['https://[fd12:3456::1]/', /unique local/],
    ['https://[fd00:ec2::254]/', /metadata/],
    ['https://[fe80::1]/', /link-local/],
    ['https://[febf::1]/', /link-local/],
    ['https://[ff02::1]/', /multicast/],
    ['https://[::ffff:127.0.0.1]/', /IPv4-mapped address embedding 127\.0\.0\.1, a loopback/],
    ['https://[::ffff:7f00:1]/', /IPv4-mapped.*loopback/],
    ['https://[::ffff:a9fe:a9fe]/', /IPv4-mapped.*metadata/],
    ['https://[::ffff:10.0.0.1]/', /IPv4-mapped.*private/],
    ['https://[64:ff9b::127.0.0.1]/', /NAT64 address embedding 127\.0\.0\.1/],
    ['https://[64:ff9b::a9fe:a9fe]/', /NAT64.*metadata/],
    ['https://[2002:7f00:1::]/', /6to4 address embedding 127\.0\.0\.1/],
    ['https://[2002:c0a8:101::1]/', /6to4 address embedding 192\.168\.1\.1/],
    ['https://[::127.0.0.1]/', /IPv4-compatible/],
    ['https://[2001:db8::1]/', /documentation/],
    ['https://[2001::1]/', /Teredo/],
    ['https://[100::1]/', /discard/],
    ['https://[4000::1]/', /outside global unicast/],
    // names
    ['https://localhost/', /localhost/],
    ['https://LOCALHOST./', /localhost/],
    ['https://api.localhost/', /localhost/],
    ['https://metadata.google.internal/computeMetadata/v1/', /\.internal/],
    ['https://printer.local/', /\.local/],
    ['https://router.home.arpa/', /\.home\.arpa/],
    ['https://metadata/', /fully qualified/],
    ['https://intranet:8080/', /fully qualified/],
  ])('rejects %s', (url, reason) => {
    const message = rejection(url);
    expect(message).toMatch(reason);
    expect(message).toMatch(/is not allowed/);
  });

  it('accepts mapped and translated forms of public IPv4 addresses', () => {
    expect(validateWebhookUrl('https://[::ffff:8.8.8.8]/', secure)).toEqual({ ok: true });
    expect(validateWebhookUrl('https://[64:ff9b::8.8.8.8]/', secure)).toEqual({ ok: true });
    expect(validateWebhookUrl('https://[2002:808:808::1]/', secure)).toEqual({ ok: true });
  });

  it('accepts public neighbours of the forbidden ranges', () => {
    for (const host of ['9.255.255.255', '11.0.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '100.63.255.255', '100.128.0.0', '126.255.255.255', '128.0.0.0', '169.253.255.255', '223.255.255.255', '1.1.1.1']) {
      expect(validateWebhookUrl(`https://${host}/`, secure), host).toEqual({ ok: true });
    }
  });

  it('lets everything through when insecure targets are allowed (development and tests)', () => {
    for (const url of ['http://127.0.0.1:3000/hook', 'http://localhost/hook', 'https://[::1]/', 'http://169.254.169.254/', 'http://service.internal/']) {
      expect(validateWebhookUrl(url, insecure), url).toEqual({ ok: true });
    }
  });

  it('does not treat names that merely contain IP-like labels as addresses (DNS is checked at connection time)', () => {
    expect(validateWebhookUrl('https://127.0.0.1.nip.io/', secure)).toEqual({ ok: true });
  });
});

describe('forbiddenAddressReason (connection time)', () => {
  it('allows public unicast addresses', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8']) {
      expect(forbiddenAddressReason(ip), ip).toBeNull();
    }
  });

  it('refuses resolved addresses in forbidden ranges', () => {
    expect(forbiddenAddressReason('127.0.0.1')).toMatch(/loopback/);
    expect(forbiddenAddressReason('169.254.169.254')).toMatch(/metadata/);
    expect(forbiddenAddressReason('::ffff:127.0.0.1')).toMatch(/IPv4-mapped.*loopback/);
    expect(forbiddenAddressReason('::FFFF:7F00:1')).toMatch(/IPv4-mapped.*loopback/);
    expect(forbiddenAddressReason('fe80::1%eth0')).toMatch(/link-local/);
    expect(forbiddenAddressReason('[::1]')).toMatch(/loopback/);
  });

  it('fails closed on anything that is not a plain IP address', () => {
    for (const text of ['localhost', '0x7f000001', '2130706433', '127.1', '0177.0.0.1', '010.0.0.1', '256.1.1.1', '1.2.3', '', '::1::', '1::2::3', '12345::', '1.2.3.4::', ':::', 'g::1']) {
      expect(forbiddenAddressReason(text), text).toMatch(/not an IP address/);
    }
  });
});
