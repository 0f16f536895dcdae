import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <div className="state">
      <QuestionCircleOutlined style={{ fontSize: 40, color: '#8c8c8c' }} />
      <div className="state-title">页面不存在</div>
      <div>您访问的页面不存在或已被移除。</div>
      <div style={{ marginTop: 16 }}>
        <Link to="/">
          <Button type="primary">返回工作台</Button>
        </Link>
      </div>
    </div>
  );
}
