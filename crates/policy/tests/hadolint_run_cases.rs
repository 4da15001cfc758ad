//! Cases from hadolint's own test suite for the RUN rules ballast reimplements: each line runs
//! in `FROM debian:12` and must (or must not) produce a finding of the rule with that hadolint
//! code. Where ballast deliberately differs, the case says so.

use ballast_policy::{check, rules, Config, SourceFile};

fn fires(code: &str, run: &str) -> bool {
    let rule = rules::find(code).unwrap_or_else(|| panic!("no rule for {code}"));
    let source = format!("FROM debian:12\n{run}\n");
    check(&[SourceFile::new("Dockerfile", source)], &Config::default())
        .findings
        .iter()
        .any(|f| f.code == rule.meta.code)
}

fn expect(code: &str, catches: &[&str], passes: &[&str]) {
    let mut problems = Vec::new();
    for run in catches {
        if !fires(code, run) {
            problems.push(format!("{code} should fire on: {run}"));
        }
    }
    for run in passes {
        if fires(code, run) {
            problems.push(format!("{code} must not fire on: {run}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn dl3013_pip() {
    expect(
        "DL3013",
        &[
            "RUN pip2 install MySQL_python",
            "RUN pip3 install MySQL_python",
            "RUN python -m pip install example",
            "RUN python -m pip install --index-url url example",
            "RUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext",
            "ONBUILD RUN pip install MySQL_python",
        ],
        &[
            "RUN pip3 install MySQL_python==1.2.2",
            "RUN pip3 install mypkg.whl",
            "RUN pip3 install mypkg.tar.gz",
            "RUN pip install -r requirements.txt",
            "RUN pip install --requirement requirements.txt",
            "RUN pip install .",
            "RUN pip install MySQL_python~=1.2.2",
            "RUN pip install MySQL_python===1.2.2",
            "RUN pip install --ignore-installed MySQL_python==1.2.2",
            "RUN pip3 install --build /opt/yamllint yamllint==1.20.0",
            "RUN pip3 install --prefix /opt/yamllint yamllint==1.20.0",
            "RUN pip3 install --root /opt/yamllint yamllint==1.20.0",
            "RUN pip3 install --target /opt/yamllint yamllint==1.20.0",
            "RUN pip3 install --trusted-host host example==1.2.2",
            "RUN python -m pip install example==1.2.2",
            "RUN pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext",
            "RUN pip install 'alabaster>=0.7'",
            "RUN pip install 'alabaster<0.7'",
            "RUN pip install 'alabaster!=0.7'",
            "RUN pip install MySQL_python==1.2.2 --user",
            "RUN pip install --index-url https://eg.com/foo --extra-index-url https://ex-eg.io/foo foobar==1.0.0",
            "RUN pip install pykafka --constraint http://foo.bar.baz",
            "RUN pip install pykafka -c http://foo.bar.baz",
        ],
    );
}

#[test]
fn dl3016_npm() {
    expect(
        "DL3016",
        &[
            "RUN npm install express",
            "RUN npm install @myorg/privatepackage",
            "RUN npm install express sax@0.1.1",
            "RUN npm install --global express",
            "RUN npm install git+ssh://git@github.com:npm/npm.git",
            "RUN npm install git+http://isaacs@github.com/npm/npm",
            "RUN npm install git://github.com/npm/npm.git",
            "RUN npm install --registry https://example.com express",
            "RUN npm install --registry=https://example.com express",
        ],
        &[
            "RUN npm install",
            "RUN npm install --progress=false",
            "RUN npm install express@4.1.1",
            "RUN npm install @myorg/privatepackage@\">=0.1.0\"",
            "RUN npm install express@\"4.1.1\" sax@0.1.1",
            "RUN npm install -g express@\"4.1.1\"",
            "RUN npm install package-v1.2.3.tgz",
            "RUN npm install ../folder",
            "RUN npm install ~/folder",
            "RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27",
            "RUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0",
            "RUN npm run --crazy install",
            "RUN npm install @myorg/privatepackage@\">=0.1.0 <0.2.0\"",
            "RUN npm install --loglevel verbose sax@0.1.1",
            "RUN npm install --registry https://example.com sax@0.1.1",
        ],
    );
}

#[test]
fn dl3047_wget() {
    expect(
        "DL3047",
        &["RUN wget my.xyz"],
        &[
            "RUN wget --progress=dot:giga my.xyz",
            "RUN wget -q my.xyz",
            "RUN wget --quiet my.xyz",
            "RUN wget -nv my.xyz",
            "RUN wget --no-verbose my.xyz",
            "RUN wget --output-file=/tmp/wget.log my.xyz",
            "RUN wget -o /tmp/wget.log my.xyz",
            "RUN wget --append-output=/tmp/wget.log my.xyz",
            "RUN wget -a /tmp/wget.log my.xyz",
        ],
    );
}

#[test]
fn dl3062_go() {
    expect(
        "DL3062",
        &[
            "RUN go install example.com/pkg",
            "RUN go install example.com/pkg@latest",
            "RUN go install tool foobar",
            "RUN go install tool foobar@latest",
            "RUN go get example.com/pkg",
            "RUN go get -tool foobar@latest",
            "RUN go run example.com/pkg",
            "RUN go run example.com/pkg@latest",
            "ONBUILD RUN go install example.com/pkg",
        ],
        &[
            "RUN go install example.com/pkg@v1.2.3",
            "RUN go install /go/app/foobar",
            "RUN go install ./app/foobar",
            "RUN go install .",
            "RUN go install tool foobar@v1.2.3",
            "RUN go get -tool foobar@v1.2.3",
            "RUN go run example.com/pkg@v1.2.3 -f",
            "RUN go run example.com/pkg@v1.2.3 --foo bar",
            "RUN go run example.com/pkg@v1.2.3 foobar",
            "RUN go run ./app/foobar",
            "RUN go run .",
        ],
    );
}

#[test]
fn package_managers() {
    expect(
        "DL3014",
        &["RUN apt-get install python"],
        &[
            "RUN apt-get install -y python",
            "RUN apt-get install --yes python",
            "RUN apt-get -qq install python",
            "RUN apt-get install --assume-yes python",
        ],
    );
    expect(
        "DL3008",
        &["RUN apt-get install python"],
        &[
            "RUN apt-get install python=2.7",
            "RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb",
            "RUN apt-get install -t stable python=2.7",
        ],
    );
    expect(
        "DL3018",
        &[
            "RUN apk add flex",
            "RUN apk add --virtual .deps flex=2.6.4-r1 bison",
        ],
        &[
            "RUN apk add flex=2.6.4-r1",
            "RUN apk add -t .deps flex=2.6.4-r1",
            "RUN apk add --repository https://x flex=2.6.4-r1",
        ],
    );
    expect(
        "DL3019",
        &["RUN apk add flex=2.6.4-r1"],
        &[
            "RUN apk add --no-cache flex=2.6.4-r1",
            "RUN --mount=type=cache,target=/var/cache/apk apk add flex=2.6.4-r1",
        ],
    );
    expect(
        "DL3028",
        &["RUN gem install rake"],
        &[
            "RUN gem install rake:12.3.0",
            "RUN gem install rake -v 12.3.0",
            "RUN gem install rake --version 12.3.0",
            "RUN gem install rake --version=12.3.0",
        ],
    );
    expect(
        "DL3030",
        &["RUN yum install httpd-2.4.24"],
        &[
            "RUN yum install -y httpd-2.4.24",
            "RUN yum install --assumeyes httpd-2.4.24",
        ],
    );
    expect(
        "DL3034",
        &["RUN zypper install httpd=2.4.24"],
        &[
            "RUN zypper install -y httpd=2.4.24",
            "RUN zypper install --no-confirm httpd=2.4.24",
        ],
    );
    expect(
        "DL3037",
        &["RUN zypper install -y httpd"],
        &[
            "RUN zypper install -y httpd=2.4.24",
            "RUN zypper install -y 'httpd>=2.4.24'",
        ],
    );
    expect(
        "DL3041",
        &[
            "RUN dnf install -y httpd",
            "RUN dnf module install -y nodejs",
        ],
        &[
            "RUN dnf install -y httpd-2.24.2",
            "RUN dnf install -y /tmp/package.rpm",
            "RUN dnf module install -y nodejs:12",
        ],
    );
    expect(
        "DL3060",
        &["RUN yarn install foo"],
        &["RUN yarn install foo && yarn cache clean"],
    );
}

#[test]
fn shell_rules() {
    expect("DL3003", &["RUN cd /opt"], &["RUN echo cd"]);
    expect(
        "DL3004",
        &["RUN sudo apt-get update"],
        &["RUN apt-get update"],
    );
    expect(
        "DL3001",
        &["RUN top", "RUN service ssh start"],
        &["RUN apt-get install -y ssh=1:9.2p1-2"],
    );
    expect(
        "DL3046",
        &["RUN useradd -u 123456 foobar"],
        &[
            "RUN useradd -l -u 123456 foobar",
            "RUN useradd -u 12345 foobar",
            "RUN useradd foobar",
        ],
    );
    expect(
        "DL4006",
        &["RUN wget -O - https://some.site | wc -l file > /number"],
        &[
            "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number",
            "SHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value",
            // ballast also accepts `set -o pipefail` in the RUN itself (hadolint does not).
            "RUN set -o pipefail && wget -O - https://some.site | wc -l file > /number",
        ],
    );
    expect(
        "DL4001",
        &["RUN wget my.xyz\nRUN curl localhost"],
        &["RUN curl localhost\nFROM debian:12\nRUN wget my.xyz"],
    );
}
