#!/usr/bin/env bash
# Real mail servers for the resilience tests, on 127.0.0.1 only: Dovecot IMAP (STARTTLS on 10143,
# IMAPS on 10993, self-signed certificate) and Postfix SMTP on 25 delivering every
# updates+anything@inbound.casepost.test into one Maildir mailbox that Dovecot serves.
# Writes what the tests need to know to $DIR/test-mail-servers.properties. Needs root.
set -euo pipefail

DIR=/var/lib/casepost-mail
DOMAIN=inbound.casepost.test
LOGIN="updates@$DOMAIN"
PASSWORD=casepost-mail-secret
SYSTEM_USER=casepostmail

missing=()
command -v dovecot >/dev/null 2>&1 || missing+=(dovecot-imapd)
command -v postfix >/dev/null 2>&1 || missing+=(postfix)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

mkdir -p "$DIR"
id "$SYSTEM_USER" >/dev/null 2>&1 || useradd --create-home --home-dir "$DIR/home" --shell /usr/sbin/nologin "$SYSTEM_USER"
uid=$(id -u "$SYSTEM_USER"); gid=$(id -g "$SYSTEM_USER")

if [ ! -f "$DIR/cert.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$DIR/key.pem" -out "$DIR/cert.pem" 2>/dev/null
  chmod 600 "$DIR/key.pem"; chmod 644 "$DIR/cert.pem"
fi

echo "$LOGIN:{PLAIN}$PASSWORD:$uid:$gid::$DIR/home::" > "$DIR/users"
chmod 640 "$DIR/users"; chgrp dovecot "$DIR/users"
mkdir -p "$DIR/run"
cat > "$DIR/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $DIR/run
log_path = $DIR/dovecot.log
ssl = yes
ssl_cert = <$DIR/cert.pem
ssl_key = <$DIR/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $DIR/users
}
mail_location = maildir:~/Maildir
first_valid_uid = 100
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 10143
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = 10993
    ssl = yes
  }
}
protocol imap {
  mail_max_userip_connections = 100
}
CONF
if [ -f "$DIR/run/master.pid" ] && kill -0 "$(cat "$DIR/run/master.pid")" 2>/dev/null; then
  doveadm -c "$DIR/dovecot.conf" reload
else
  # daemons get no inherited output: a caller reading this script's output would otherwise wait for them
  dovecot -c "$DIR/dovecot.conf" </dev/null >>"$DIR/start.log" 2>&1
fi

# Postfix: local delivery for the inbound domain; updates+token resolves to updates, an alias of the mailbox's user
postconf -e "myhostname = mail.$DOMAIN" "mydestination = mail.$DOMAIN, $DOMAIN, localhost" "maillog_file = $DIR/postfix.log" \
  "default_transport = error:this test server delivers locally only" "inet_interfaces = loopback-only" \
  "inet_protocols = ipv4" "recipient_delimiter = +" "home_mailbox = Maildir/" "mynetworks = 127.0.0.0/8" \
  "alias_maps = hash:/etc/aliases" "alias_database = hash:/etc/aliases" "message_size_limit = 52428800" \
  "smtputf8_enable = no" "compatibility_level = 3.6"
postconf -F '*/*/chroot = n'
grep -q "^updates:" /etc/aliases 2>/dev/null || echo "updates: $SYSTEM_USER" >> /etc/aliases
newaliases
if postfix status >/dev/null 2>&1; then postfix reload; else postfix start </dev/null >>"$DIR/start.log" 2>&1; fi

cat > "$DIR/test-mail-servers.properties" <<PROPS
domain=$DOMAIN
username=$LOGIN
password=$PASSWORD
imap.host=127.0.0.1
imap.port=10143
imaps.port=10993
smtp.port=25
certificate=$DIR/cert.pem
PROPS

for port in 10143 10993 25; do
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.2
  done
done
echo "Mail servers up: Dovecot IMAP 127.0.0.1:10143 (STARTTLS), IMAPS :10993, Postfix SMTP :25, mailbox $LOGIN"
